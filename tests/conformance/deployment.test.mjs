// deployment.mjs, the demo's stand-in for the engine, against the built plugin and the emulator: the
// ordering rules a program with groups over users relies on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, uniqueEmail, UNKNOWN, USER_TYPE } from './harness.mjs';
import { Deployment, DeploymentError, GROUP_TYPE, idOf } from './deployment.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

const user = (userName, displayName = 'Someone') => ({ type: USER_TYPE, inputs: { userName, displayName } });
const group = (displayName, members) => ({ type: GROUP_TYPE, inputs: { displayName, memberIds: members.map(idOf) } });
const membersInOmni = async (id) =>
  (await stack.emulator.expectOk('GET', `/api/scim/v2/groups/${id}`, {}, 200)).members.map((m) => m.value).sort();

/** A Deployment whose calls are recorded as [rpc, resource name, detail]. */
function deploymentWithLog() {
  const calls = [];
  const plugin = new Proxy(stack.plugin, {
    get(target, rpc) {
      const f = target[rpc];
      if (!['check', 'create', 'update', 'delete'].includes(rpc)) return typeof f === 'function' ? f.bind(target) : f;
      return (request) => {
        calls.push([rpc, request.urn.split('::').pop(), request]);
        return f.call(target, request);
      };
    },
  });
  return { deployment: new Deployment({ plugin, print: () => {} }), calls };
}

test('a group is planned after its members; a member whose email changes keeps her id; removal deletes the group first', async () => {
  const { deployment, calls } = deploymentWithLog();
  const team = `Team ${Math.random().toString(36).slice(2, 8)}`;
  const [ann, ben] = [uniqueEmail('ann'), uniqueEmail('ben')];
  // The group is declared first: the order comes from its references, not from the declaration.
  const desired = new Map([['team', group(team, ['ann', 'ben'])], ['ann', user(ann)], ['ben', user(ben)]]);

  await deployment.up(desired);
  assert.deepEqual(calls.filter(([rpc]) => rpc === 'create').map(([, name]) => name), ['ann', 'ben', 'team']);
  const oldAnn = deployment.resources.get('ann').id;
  assert.deepEqual(await membersInOmni(deployment.resources.get('team').id), [oldAnn, deployment.resources.get('ben').id].sort());

  // A new email is an in-place update of ann (issue 16: Omni keeps the person, their content and id), so
  // the group, which refers to her id, is unchanged.
  const changed = new Map(desired).set('ann', user(uniqueEmail('ann')));
  calls.length = 0;
  const planned = await deployment.preview(changed);
  assert.deepEqual(Object.fromEntries(planned.map((s) => [s.name, s.op])), { ann: 'update', ben: 'same', team: 'same' });

  calls.length = 0;
  await deployment.up(changed);
  assert.equal(deployment.resources.get('ann').id, oldAnn, 'an email change keeps the Omni id');
  assert.deepEqual(await membersInOmni(deployment.resources.get('team').id), [oldAnn, deployment.resources.get('ben').id].sort());

  // Removing the group and a member together deletes the group first; destroy does the same.
  calls.length = 0;
  await deployment.up(new Map([['ben', desired.get('ben')]]));
  assert.deepEqual(calls.filter(([rpc]) => rpc === 'delete').map(([, name]) => name), ['team', 'ann']);
  calls.length = 0;
  await deployment.up(new Map([['ben', user(ben)], ['crew', group(`${team} crew`, ['ben'])]]));
  await deployment.destroy();
  assert.deepEqual(calls.filter(([rpc]) => rpc === 'delete').map(([, name]) => name), ['crew', 'ben']);
});

test('a reference to a resource the program does not declare is a clear error, before any call', async () => {
  const { deployment, calls } = deploymentWithLog();

  await assert.rejects(deployment.preview(new Map([['team', group('Team', ['zoe'])]])),
    (err) => err instanceof DeploymentError && /omni:index:Group team refers to zoe, which the program does not declare/.test(err.message));
  assert.deepEqual(calls, []);
});

// omni:index:Group and omni:index:GroupMembership through the plugin binary, driven by Pulumi's own
// ResourceProviderClient against the emulator, as the engine would: Check, Create, Diff, Update,
// Read (refresh, and import with empty Structs), Delete.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, uniqueEmail, urnOf, DiffChanges, DiffKind, LogSeverity, uniqueName, checkAndCreate } from './harness.mjs';

const GROUP = 'omni:index:Group';
const MEMBERSHIP = 'omni:index:GroupMembership';
const SCIM_GROUPS = '/api/scim/v2/groups';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

const name = uniqueName;
/** Check then Create, as `pulumi up` does for a new resource. */
const create = (type, inputs, resourceName = name('r')) => checkAndCreate(stack.plugin, type, inputs, resourceName);

const createUser = (who) => create('omni:index:User', { userName: uniqueEmail(who), displayName: who });
const groupInOmni = async (id) => (await stack.emulator.expectOk('GET', `${SCIM_GROUPS}/${id}`, {}, 200));
const memberIdsInOmni = async (id) => (await groupInOmni(id)).members.map((m) => m.value).sort();
const sorted = (ids) => [...ids].sort();

test('group: create with members, no diff for another order, update renames and changes members, refresh, import, delete', async () => {
  const [ada, bob, cy] = [await createUser('ada'), await createUser('bob'), await createUser('cy')];
  const displayName = name('Analysts');
  const posts = await stack.emulator.countOf(`POST ${SCIM_GROUPS}`);

  const group = await create(GROUP, { displayName, memberIds: [ada.id, bob.id] }, name('analysts'));
  assert.equal(await stack.emulator.countOf(`POST ${SCIM_GROUPS}`), posts + 1, 'one POST creates the group with its members');
  assert.match(group.id, /^[A-Za-z0-9]{8}$/);
  assert.deepEqual(group.outputs.memberIds, [ada.id, bob.id]);
  assert.deepEqual(sorted(group.outputs.members.map((m) => m.id)), sorted([ada.id, bob.id]));
  assert.ok(group.outputs.members.every((m) => m.userName.endsWith('@example.com')), 'members carry the userName Omni displays');

  const reordered = await stack.plugin.diff({ id: group.id, urn: group.urn, olds: group.outputs, oldInputs: group.inputs,
    news: { displayName, memberIds: [bob.id, ada.id] } });
  assert.equal(reordered.changes, DiffChanges.DIFF_NONE, 'memberIds are a set');

  const recased = await stack.plugin.diff({ id: group.id, urn: group.urn, olds: group.outputs, oldInputs: group.inputs,
    news: { displayName: displayName.toUpperCase(), memberIds: [ada.id, bob.id] } });
  assert.equal(recased.changes, DiffChanges.DIFF_NONE, 'a change of letter case alone is no change');

  const news = { displayName: `${displayName} Renamed`, memberIds: [bob.id, cy.id] };
  const diff = await stack.plugin.diff({ id: group.id, urn: group.urn, olds: group.outputs, oldInputs: group.inputs, news });
  assert.deepEqual(diff.diffs.sort(), ['displayName', 'memberIds']);
  assert.deepEqual(diff.replaces, [], 'a rename is in place');
  assert.equal(diff.detailedDiff.displayName.kind, DiffKind.UPDATE);
  const updated = await stack.plugin.update({ id: group.id, urn: group.urn, olds: group.outputs, oldInputs: group.inputs, news });
  assert.equal(updated.properties.displayName, news.displayName);
  assert.deepEqual(await memberIdsInOmni(group.id), sorted([bob.id, cy.id]));

  // Out of band: Ada added back in Omni's UI. Refresh shows her in the managed memberIds (drift).
  await stack.emulator.expectOk('PATCH', `${SCIM_GROUPS}/${group.id}`, { body: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: ada.id }] }] } }, 200);
  const refreshed = await stack.plugin.read({ id: group.id, urn: group.urn, properties: updated.properties, inputs: news });
  assert.equal(refreshed.id, group.id);
  assert.deepEqual(sorted(refreshed.inputs.memberIds), sorted([ada.id, bob.id, cy.id]));
  const drift = await stack.plugin.diff({ id: group.id, urn: group.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news });
  assert.deepEqual(drift.diffs, ['memberIds']);

  // `pulumi import omni:index:Group analysts <displayName>`: the engine sends empty Structs.
  const imported = await stack.plugin.read({ id: news.displayName, urn: urnOf(name('imported'), GROUP), properties: {}, inputs: {} });
  assert.equal(imported.id, group.id, 'import by displayName finds the group');
  assert.equal(imported.inputs.displayName, news.displayName);
  assert.deepEqual(sorted(imported.inputs.memberIds), sorted([ada.id, bob.id, cy.id]), 'import returns the current members as memberIds');
  const byId = await stack.plugin.read({ id: group.id, urn: urnOf(name('imported'), GROUP), properties: {}, inputs: {} });
  assert.equal(byId.id, group.id, 'import by id');

  await stack.plugin.delete({ id: group.id, urn: group.urn, properties: refreshed.properties });
  assert.equal((await stack.emulator.request('GET', `${SCIM_GROUPS}/${group.id}`)).status, 404);
  await stack.plugin.delete({ id: group.id, urn: group.urn, properties: refreshed.properties }); // already gone: done

  const gone = await stack.plugin.read({ id: group.id, urn: group.urn, properties: refreshed.properties, inputs: news });
  assert.equal(gone.id, '', 'refresh of a deleted group empties the id');
});

test('group: a taken name fails with the import command', async () => {
  const displayName = name('Taken');
  await create(GROUP, { displayName });
  const resourceName = name('again');
  const urn = urnOf(resourceName, GROUP);
  const { inputs } = await stack.plugin.check({ urn, news: { displayName } });
  await assert.rejects(stack.plugin.create({ urn, properties: inputs }), (err) => {
    assert.equal(err.code, 9 /* FAILED_PRECONDITION: nothing was created */);
    assert.match(err.details, new RegExp(`pulumi import omni:index:Group ${resourceName} ${displayName}`));
    return true;
  });
});

test('group: check names each property that is wrong', async () => {
  const { failures } = await stack.plugin.check({ urn: urnOf('bad', GROUP), news: { displayName: 'x'.repeat(65), memberIds: ['a', 'a'] } });
  assert.deepEqual(failures.map((f) => f.property).sort(), ['displayName', 'memberIds[1]']);
});

test('membership: additive lifecycle with import; the user deleted outside Pulumi shows as the membership gone', async () => {
  const [ada, bob] = [await createUser('ada'), await createUser('bob')];
  const group = await create(GROUP, { displayName: name('Readers') }); // memberIds unset: memberships manage it
  const other = await create(MEMBERSHIP, { groupId: group.id, userId: ada.id });

  const membership = await create(MEMBERSHIP, { groupId: group.id, userId: bob.id }, name('bob-reads'));
  assert.equal(membership.id, `${group.id}/${bob.id}`);
  assert.deepEqual(await memberIdsInOmni(group.id), sorted([ada.id, bob.id]), 'each membership adds one member');

  const replaced = await stack.plugin.diff({ id: membership.id, urn: membership.urn, olds: membership.outputs, news: { groupId: group.id, userId: ada.id } });
  assert.deepEqual(replaced.replaces, ['userId']);

  const imported = await stack.plugin.read({ id: membership.id, urn: urnOf(name('imported'), MEMBERSHIP), properties: {}, inputs: {} });
  assert.equal(imported.id, membership.id);
  assert.deepEqual(imported.inputs, { groupId: group.id, userId: bob.id, allowSelfLockout: false });

  await stack.plugin.delete({ id: other.id, urn: other.urn, properties: other.outputs });
  assert.deepEqual(await memberIdsInOmni(group.id), [bob.id], 'deleting a membership removes only its member');

  await stack.emulator.deleteUser(bob.id);
  const refreshed = await stack.plugin.read({ id: membership.id, urn: membership.urn, properties: membership.outputs, inputs: membership.inputs });
  assert.equal(refreshed.id, '', 'the member is gone from the group');
  const warning = stack.engine.logs.find((l) => l.severity === LogSeverity.WARNING && l.urn === membership.urn);
  assert.ok(warning, 'refresh warns that the membership disappeared');
  assert.match(warning.message, /no longer a member/);

  await stack.plugin.delete({ id: membership.id, urn: membership.urn, properties: membership.outputs }); // member already gone: done
  await stack.plugin.delete({ id: group.id, urn: group.urn, properties: group.outputs });
  await stack.plugin.delete({ id: other.id, urn: other.urn, properties: other.outputs }); // group gone too: done
});

test('group: a displayName differing from Omni\'s only in letter case is no change after create, refresh and import (issue 16 item 7)', async () => {
  const displayName = name('Case Team');
  const group = await create(GROUP, { displayName, memberIds: [] }, name('case'));
  const program = { displayName: displayName.toLowerCase(), memberIds: [] };
  const afterCreate = await stack.plugin.diff({ id: group.id, urn: group.urn, olds: group.outputs, oldInputs: group.inputs, news: program });
  assert.equal(afterCreate.changes, DiffChanges.DIFF_NONE, 'the program in another case: no change');

  // Omni's UI re-cases the name: refresh reports Omni's name, and the program's case is still no change.
  await stack.emulator.expectOk('PATCH', `${SCIM_GROUPS}/${group.id}`, { body: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: displayName.toUpperCase() }] } }, 200);
  const refreshed = await stack.plugin.read({ id: group.id, urn: group.urn, properties: group.outputs, inputs: group.inputs });
  assert.equal(refreshed.properties.displayName, displayName.toUpperCase());
  const afterRefresh = await stack.plugin.diff({ id: group.id, urn: group.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: program });
  assert.equal(afterRefresh.changes, DiffChanges.DIFF_NONE);

  const imported = await stack.plugin.read({ id: displayName.toLowerCase(), urn: urnOf(name('imported'), GROUP), properties: {}, inputs: {} });
  assert.equal(imported.id, group.id, 'import by name in another case finds the group');
  const afterImport = await stack.plugin.diff({ id: imported.id, urn: group.urn, olds: imported.properties, oldInputs: imported.inputs, news: program });
  assert.equal(afterImport.changes, DiffChanges.DIFF_NONE);
  assert.equal((await groupInOmni(group.id)).displayName, displayName.toUpperCase(), 'nothing renamed the group');
});

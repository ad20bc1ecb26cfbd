// The provider's functions (getUser, getUsers, getGroup, getUserAttributes) called as the engine calls
// them: Invoke through Pulumi's own ResourceProviderClient, on the built plugin, against the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, providerPb, toStruct, fromStruct, uniqueEmail, urnOf, grpc, secret, isSecret, reveal } from './harness.mjs';

let stack;

before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

/** InvokeRequest{tok, args, preview} → { return, failures } as plain JS. */
async function invoke(tok, args = {}, { preview = false } = {}) {
  const req = new providerPb.InvokeRequest();
  req.setTok(tok);
  req.setArgs(toStruct(args));
  req.setPreview(preview);
  const res = await stack.plugin.rpc.invoke(req);
  return {
    return: fromStruct(res.getReturn()),
    failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
  };
}

async function createGroup(displayName, memberIds) {
  return stack.emulator.expectOk('POST', '/api/scim/v2/groups',
    { body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: memberIds.map((value) => ({ value })) } }, 201);
}

test('getUser finds a user by userName in any letter case, with the User resource\'s output shape', async () => {
  const userName = uniqueEmail('fn');
  const urn = urnOf(`fn-${Date.now()}`);
  const checked = await stack.plugin.check({ urn, news: { userName, displayName: 'Fn User', attributes: { region: 'emea' } } });
  const created = await stack.plugin.create({ urn, properties: checked.inputs });

  const byName = await invoke('omni:index:getUser', { userName: userName.toUpperCase() });
  const byId = await invoke('omni:index:getUser', { id: created.id });

  assert.deepEqual(byName.failures, []);
  assert.deepEqual(byName.return, byId.return);
  const user = byName.return;
  assert.equal(user.id, created.id);
  for (const key of ['userName', 'displayName', 'active', 'emails', 'groups', 'created', 'lastModified', 'attributes']) {
    assert.deepEqual(user[key], created.properties[key], key);
  }
});

test('getUser reports not found and wrong args as failures naming the arg', async () => {
  const missing = await invoke('omni:index:getUser', { userName: uniqueEmail('nobody') });
  const neither = await invoke('omni:index:getUser', {});
  const misspelt = await invoke('omni:index:getUser', { email: 'a@example.com' });

  assert.equal(missing.failures.length, 1);
  assert.equal(missing.failures[0].property, 'userName');
  assert.match(missing.failures[0].reason, /no user with userName/);
  assert.match(neither.failures[0].reason, /'id' or 'userName'/);
  assert.equal(misspelt.failures[0].property, 'email');
});

test('getUsers passes a SCIM filter through and returns { users }', async () => {
  const userName = uniqueEmail('filtered');
  await stack.emulator.createUser({ userName, displayName: 'Filtered' });
  await stack.emulator.createUser({ userName: uniqueEmail('other'), displayName: 'Other' });

  const filtered = await invoke('omni:index:getUsers', { filter: `userName eq "${userName}"` });
  const all = await invoke('omni:index:getUsers');

  assert.deepEqual(filtered.return.users.map((u) => u.userName), [userName]);
  assert.ok(all.return.users.length >= 2, 'every user without a filter');
  assert.ok(all.return.users.some((u) => u.userName === userName));
});

test('getGroup returns the members as { id, userName }, by id or by displayName', async () => {
  const member = await stack.emulator.createUser({ userName: uniqueEmail('member'), displayName: 'Member' });
  const name = `Fn group ${Date.now()}`;
  const group = await createGroup(name, [member.id]);

  const byId = await invoke('omni:index:getGroup', { id: group.id });
  const byName = await invoke('omni:index:getGroup', { displayName: name.toLowerCase() });

  assert.deepEqual(byId.failures, []);
  assert.deepEqual(byId.return, { id: group.id, displayName: name, members: [{ id: member.id, userName: member.userName }] });
  assert.deepEqual(byName.return, byId.return);
});

test('getUserAttributes lists the definitions the emulator serves', async () => {
  const served = await stack.emulator.userAttributes();

  const result = await invoke('omni:index:getUserAttributes', {}, { preview: true });

  const records = served.records ?? served;
  assert.deepEqual(result.return.attributes.map((a) => a.name), records.map((r) => r.name));
  const level = result.return.attributes.find((a) => a.name === 'level');
  assert.equal(level.type, 'Number');
  assert.equal(level.multipleValues, false);
  assert.equal(level.system, false);
});

test('a secret arg makes the result secret', async () => {
  const userName = uniqueEmail('secretive');
  await stack.emulator.createUser({ userName, displayName: 'Secretive' });

  const result = await invoke('omni:index:getUser', { userName: secret(userName) });

  assert.ok(isSecret(result.return.userName));
  assert.equal(reveal(result.return).userName, userName);
});

test('an unknown function token is INVALID_ARGUMENT naming the functions served', async () => {
  await assert.rejects(invoke('omni:index:getEverything'), (err) => {
    assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
    assert.match(err.details, /Unknown function 'omni:index:getEverything'/);
    assert.match(err.details, /omni:index:getUserAttributes/);
    return true;
  });
});

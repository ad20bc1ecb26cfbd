// omni:index:UserAttribute, omni:index:UserModelRole and omni:index:GroupModelRole through the plugin
// binary, driven by Pulumi's own ResourceProviderClient against the emulator, as the engine would:
// Check, Create (preview and real), Diff, Update, Read (refresh, and import with empty Structs), Delete.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, uniqueEmail, urnOf, DiffChanges, LogSeverity } from './harness.mjs';

const ATTRIBUTE = 'omni:index:UserAttribute';
const USER_ROLE = 'omni:index:UserModelRole';
const GROUP_ROLE = 'omni:index:GroupModelRole';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

const suffix = () => Math.random().toString(36).slice(2, 8);
const name = (prefix) => `${prefix}-${suffix()}`;

async function create(type, inputs, resourceName = name('r')) {
  const urn = urnOf(resourceName, type);
  const checked = await stack.plugin.check({ urn, news: inputs });
  assert.deepEqual(checked.failures, [], `check failures for ${type}`);
  const created = await stack.plugin.create({ urn, properties: checked.inputs });
  assert.ok(created.id, `${type} create returned an id`);
  return { urn, id: created.id, inputs: checked.inputs, outputs: created.properties };
}

const attributesInOmni = async () => (await stack.emulator.expectOk('GET', '/api/v1/user-attributes', {}, 200)).records;
const firstSharedModel = async () =>
  (await stack.emulator.expectOk('GET', '/api/v1/models?modelKind=SHARED', {}, 200)).records[0];
const directUserRole = async (userId, modelId) =>
  (await stack.emulator.expectOk('GET', `/api/v1/users/${userId}/model-roles?modelId=${modelId}`, {}, 200)).results
    .find((r) => ['USER', 'User Role'].includes(r.from?.type) && r.modelId === modelId)?.roleName;

test('user attribute: create, a user keyed by it, update in place, replace on type, import by name, delete warns', async () => {
  const attrName = `tier_${suffix()}`;
  const attr = await create(ATTRIBUTE, { name: attrName, type: 'Number', defaultValue: 1 });
  assert.equal(attr.outputs.defaultValue, '1', 'numbers are stored as strings');
  const stored = (await attributesInOmni()).find((a) => a.id === attr.id);
  assert.equal(stored.name, attrName);
  assert.equal(stored.type, 'Number');

  // The user's attributes keyed by the attribute's name output: defined now, so Check normalises the value.
  const user = await create('omni:index:User', { userName: uniqueEmail('tia'), displayName: 'Tia', attributes: { [attrName]: 2 } });
  assert.equal(user.outputs.attributes[attrName], '2');

  const news = { name: attrName, type: 'Number', label: 'Sales tier', multipleValues: true };
  const checked = (await stack.plugin.check({ urn: attr.urn, news })).inputs;
  const diff = await stack.plugin.diff({ id: attr.id, urn: attr.urn, olds: attr.outputs, oldInputs: attr.inputs, news: checked });
  assert.equal(diff.changes, DiffChanges.DIFF_SOME);
  assert.deepEqual(diff.replaces, [], 'label and multipleValues on change in place');
  const updated = await stack.plugin.update({ id: attr.id, urn: attr.urn, olds: attr.outputs, oldInputs: attr.inputs, news: checked });
  assert.equal(updated.properties.label, 'Sales tier');
  assert.equal((await attributesInOmni()).find((a) => a.id === attr.id).multiple_values, true);

  const retype = await stack.plugin.diff({ id: attr.id, urn: attr.urn, olds: updated.properties, oldInputs: checked,
    news: { ...checked, type: 'String' } });
  assert.deepEqual(retype.replaces, ['type']);
  const single = await stack.plugin.diff({ id: attr.id, urn: attr.urn, olds: updated.properties, oldInputs: checked,
    news: { ...checked, multipleValues: false } });
  assert.deepEqual(single.replaces, ['multipleValues'], 'multiple values cannot be turned off in place');

  const imported = await stack.plugin.read({ id: attrName, urn: urnOf(name('imported'), ATTRIBUTE), properties: {}, inputs: {} });
  assert.equal(imported.id, attr.id, 'import by reference name');

  const refused = await stack.plugin.check({ urn: attr.urn, news: { name: 'omni_custom', type: 'String' } });
  assert.deepEqual(refused.failures.map((f) => f.property), ['name']);

  const logged = stack.engine.logs.length;
  await stack.plugin.delete({ id: attr.id, urn: attr.urn, properties: updated.properties });
  assert.equal((await attributesInOmni()).some((a) => a.id === attr.id), false);
  const warning = stack.engine.logs.slice(logged).find((l) => l.severity === LogSeverity.WARNING);
  assert.match(warning?.message ?? '', /every user's value/);
});

test('user model role: preview says what destroy does, create, UI drift on refresh, update in place, destroy restores', async () => {
  const user = await create('omni:index:User', { userName: uniqueEmail('mo'), displayName: 'Mo' });
  const model = await firstSharedModel();
  await stack.emulator.expectOk('POST', `/api/v1/users/${user.id}/model-roles`, { body: { roleName: 'VIEWER', modelId: model.id } }, 200);

  const urn = urnOf(name('mo-on-model'), USER_ROLE);
  const checked = await stack.plugin.check({ urn, news: { userId: user.id, modelId: model.id, roleName: 'querier' } });
  assert.equal(checked.inputs.roleName, 'QUERIER');
  const logged = stack.engine.logs.length;
  const preview = await stack.plugin.create({ urn, properties: checked.inputs, preview: true });
  assert.equal(preview.id, '');
  assert.match(stack.engine.logs.slice(logged).map((l) => l.message).join('\n'), /restore it/);
  assert.equal(await directUserRole(user.id, model.id), 'VIEWER', 'a preview writes nothing');

  const created = await stack.plugin.create({ urn, properties: checked.inputs });
  assert.equal(created.id, `${user.id}/${model.id}`);
  assert.equal(created.properties.previousRoleName, 'VIEWER');
  assert.equal(await directUserRole(user.id, model.id), 'QUERIER');

  // Someone changes the role in Omni's UI: refresh shows it, and the program's role is an in-place change back.
  await stack.emulator.expectOk('POST', `/api/v1/users/${user.id}/model-roles`, { body: { roleName: 'MODELER', modelId: model.id } }, 200);
  const refreshed = await stack.plugin.read({ id: created.id, urn, properties: created.properties, inputs: checked.inputs });
  assert.equal(refreshed.inputs.roleName, 'MODELER');
  const diff = await stack.plugin.diff({ id: created.id, urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: checked.inputs });
  assert.deepEqual(diff.diffs, ['roleName']);
  assert.deepEqual(diff.replaces, []);
  const updated = await stack.plugin.update({ id: created.id, urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: checked.inputs });
  assert.equal(await directUserRole(user.id, model.id), 'QUERIER');

  const imported = await stack.plugin.read({ id: created.id, urn: urnOf(name('imported'), USER_ROLE), properties: {}, inputs: {} });
  assert.equal(imported.inputs.roleName, 'QUERIER');
  assert.equal(imported.inputs.modelId, model.id);

  await stack.plugin.delete({ id: created.id, urn, properties: updated.properties });
  assert.equal(await directUserRole(user.id, model.id), 'VIEWER', 'destroy restores the role found before creation');
});

test('group model role: on a model and on a connection; no previous role means NO_ACCESS on destroy', async () => {
  const group = await create('omni:index:Group', { displayName: name('Readers') });
  const model = await firstSharedModel();
  const connection = (await stack.emulator.expectOk('GET', '/api/v1/connections', {}, 200)).connections[0];

  const onModel = await create(GROUP_ROLE, { groupId: group.id, modelId: model.id, roleName: 'VIEWER' });
  const onConnection = await create(GROUP_ROLE, { groupId: group.id, connectionId: connection.id, roleName: 'CONNECTION_ADMIN' });
  assert.equal(onModel.id, `${group.id}/${model.id}`);
  assert.equal(onConnection.id, `${group.id}/${connection.id}`);

  const both = await stack.plugin.check({ urn: onModel.urn, news: { groupId: group.id, modelId: model.id, connectionId: connection.id, roleName: 'VIEWER' } });
  assert.equal(both.failures.length, 1, 'exactly one of modelId and connectionId');

  const importedConnection = await stack.plugin.read({ id: onConnection.id, urn: urnOf(name('imported'), GROUP_ROLE), properties: {}, inputs: {} });
  assert.equal(importedConnection.inputs.connectionId, connection.id);
  assert.equal(importedConnection.inputs.roleName, 'CONNECTION_ADMIN');

  const logged = stack.engine.logs.length;
  await stack.plugin.delete({ id: onModel.id, urn: onModel.urn, properties: onModel.outputs });
  const rows = (await stack.emulator.expectOk('GET', `/api/v1/user-groups/${group.id}/model-roles?modelId=${model.id}`, {}, 200)).results;
  assert.equal(rows.find((r) => r.modelId === model.id)?.roleName, 'NO_ACCESS');
  assert.match(stack.engine.logs.slice(logged).find((l) => l.severity === LogSeverity.WARNING)?.message ?? '', /NO_ACCESS/);
});

test('user model role on a whole connection: destroy with no role before leaves NO_ACCESS on the connection, not an error', async () => {
  // Omni takes only CONNECTION_ADMIN-based roles on a whole connection (NO_ACCESS there is 400 "modelId:
  // Required"), so destroy puts NO_ACCESS on the connection's SCHEMA model, which holds the connection-level row.
  const user = await create('omni:index:User', { userName: uniqueEmail('cy'), displayName: 'Cy' });
  const connection = (await stack.emulator.expectOk('GET', '/api/v1/connections', {}, 200)).connections[0];
  const role = await create(USER_ROLE, { userId: user.id, connectionId: connection.id, roleName: 'CONNECTION_ADMIN' });
  const direct = async () => (await stack.emulator.expectOk('GET', `/api/v1/users/${user.id}/model-roles?connectionId=${connection.id}`, {}, 200)).results
    .filter((r) => ['USER', 'User Role'].includes(r.from?.type) && r.connectionId === connection.id).map((r) => r.roleName);
  assert.deepEqual([...new Set(await direct())], ['CONNECTION_ADMIN']);

  await stack.plugin.delete({ id: role.id, urn: role.urn, properties: role.outputs });

  assert.deepEqual([...new Set(await direct())], ['NO_ACCESS']);
});

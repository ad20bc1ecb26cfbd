// omni:index:Connection, ConnectionEnvironment, ConnectionSchedule, Model and ModelGit through the
// plugin binary, driven by Pulumi's own ResourceProviderClient against the emulator as the engine
// would: Check, Create, Diff (a preview of a change: in place or replace), Update, Read (refresh after
// an edit in Omni, and import with empty Structs), Delete (twice).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, urnOf, DiffChanges, DiffKind, secret, isSecret, uniqueName, checkAndCreate } from './harness.mjs';

const CONNECTION = 'omni:index:Connection';
const ENVIRONMENT = 'omni:index:ConnectionEnvironment';
const SCHEDULE = 'omni:index:ConnectionSchedule';
const MODEL = 'omni:index:Model';
const MODEL_GIT = 'omni:index:ModelGit';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

const name = uniqueName;
const create = (type, inputs, resourceName = name('r')) => checkAndCreate(stack.plugin, type, inputs, resourceName);
const importOf = (type, id) => stack.plugin.read({ id, urn: urnOf(name('imported'), type), properties: {}, inputs: {} });
/** Check then Diff, as a preview of a changed program does. */
async function previewChange(r, news) {
  const checked = await stack.plugin.check({ urn: r.urn, olds: r.inputs, news });
  assert.deepEqual(checked.failures, []);
  const diff = await stack.plugin.diff({ id: r.id, urn: r.urn, olds: r.outputs, oldInputs: r.inputs, news: checked.inputs });
  return { news: checked.inputs, diff };
}
const connectionInputs = (overrides = {}) => ({
  name: name('Warehouse'), dialect: 'postgres', host: 'db.internal', port: 5432, database: 'analytics', username: 'omni',
  password: secret('pw-first-never-shown'), ...overrides,
});
const connectionInOmni = async (id) => (await stack.emulator.expectOk('GET', `/api/v1/connections/${id}`, {}, 200)).connection;

test('connection: create with a secret password, rotation in place, a new database replaces, drift, import, delete twice', async () => {
  const c = await create(CONNECTION, connectionInputs({ baseRole: 'VIEWER' }));
  assert.ok(isSecret(c.outputs.password), 'the password is a secret output');
  assert.equal((await connectionInOmni(c.id)).baseRole, 'VIEWER');

  const rotate = await previewChange(c, { ...c.inputs, password: secret('pw-second-never-shown') });
  assert.equal(rotate.diff.changes, DiffChanges.DIFF_SOME);
  assert.deepEqual(rotate.diff.replaces, [], 'a password rotation is in place');
  assert.equal(rotate.diff.detailedDiff.password?.kind ?? DiffKind.UPDATE, DiffKind.UPDATE);
  const replace = await previewChange(c, { ...c.inputs, database: 'other' });
  assert.deepEqual(replace.diff.replaces, ['database'], 'Omni cannot PATCH the database: the preview shows a replacement');
  const patchesBefore = await stack.emulator.countOf('PATCH /api/v1/connections/{id}');
  const updated = await stack.plugin.update({ id: c.id, urn: c.urn, olds: c.outputs, oldInputs: c.inputs, news: rotate.news });
  assert.equal(await stack.emulator.countOf('PATCH /api/v1/connections/{id}'), patchesBefore + 1);
  assert.ok(isSecret(updated.properties.password));

  await stack.emulator.expectOk('PATCH', `/api/v1/connections/${c.id}`, { body: { baseRole: 'MODELER' } }, 200);
  const refreshed = await stack.plugin.read({ id: c.id, urn: c.urn, properties: updated.properties, inputs: rotate.news });
  assert.equal(refreshed.inputs.baseRole, 'MODELER');
  assert.ok(isSecret(refreshed.inputs.password), 'refresh keeps the password from the inputs, as a secret');
  const drift = await stack.plugin.diff({ id: c.id, urn: c.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: rotate.news });
  assert.deepEqual(drift.diffs, ['baseRole']);

  const imported = await importOf(CONNECTION, c.id);
  assert.equal(imported.inputs.name, c.inputs.name);
  assert.equal(imported.inputs.password, undefined, 'Omni never returns the password');

  await stack.plugin.delete({ id: c.id, urn: c.urn, properties: updated.properties });
  assert.ok((await connectionInOmni(c.id)).deletedAt, 'destroy moves the connection to the trash');
  await stack.plugin.delete({ id: c.id, urn: c.urn, properties: updated.properties }); // 410: done
  assert.equal((await stack.plugin.read({ id: c.id, urn: c.urn, properties: updated.properties, inputs: rotate.news })).id, '');
});

test('connection environment: values in place, connections replace (delete first), drift, import, delete twice', async () => {
  const base = await create(CONNECTION, connectionInputs());
  const staging = await create(CONNECTION, connectionInputs());
  const dev = await create(CONNECTION, connectionInputs());
  const env = await create(ENVIRONMENT, { baseConnectionId: base.id, connectionId: staging.id, userAttributeValues: ['staging'] });
  const list = async () => (await stack.emulator.expectOk('GET', '/api/v1/connection-environments', {}, 200)).connectionEnvironments;
  assert.deepEqual((await list()).find((e) => e.id === env.id)?.userAttributeValues, ['staging']);

  const values = await previewChange(env, { ...env.inputs, userAttributeValues: ['staging', 'qa'] });
  assert.deepEqual(values.diff.replaces, []);
  assert.deepEqual(values.diff.diffs, ['userAttributeValues']);
  const moved = await previewChange(env, { ...env.inputs, connectionId: dev.id });
  assert.deepEqual(moved.diff.replaces, ['connectionId']);
  assert.equal(moved.diff.deleteBeforeReplace, true, 'a connection can be in one environment only: the old one goes first');
  const updated = await stack.plugin.update({ id: env.id, urn: env.urn, olds: env.outputs, oldInputs: env.inputs, news: values.news });
  assert.deepEqual([...(await list()).find((e) => e.id === env.id).userAttributeValues].sort(), ['qa', 'staging']);

  await stack.emulator.expectOk('PUT', `/api/v1/connection-environments/${env.id}`, { body: { userAttributeValues: ['uat'] } }, 200);
  const refreshed = await stack.plugin.read({ id: env.id, urn: env.urn, properties: updated.properties, inputs: values.news });
  assert.deepEqual(refreshed.inputs.userAttributeValues, ['uat']);
  const drift = await stack.plugin.diff({ id: env.id, urn: env.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: values.news });
  assert.deepEqual(drift.diffs, ['userAttributeValues']);

  const imported = await importOf(ENVIRONMENT, env.id);
  assert.deepEqual({ ...imported.inputs }, { baseConnectionId: base.id, connectionId: staging.id, userAttributeValues: ['uat'] });

  await stack.plugin.delete({ id: env.id, urn: env.urn, properties: refreshed.properties });
  assert.equal((await list()).some((e) => e.id === env.id), false);
  await stack.plugin.delete({ id: env.id, urn: env.urn, properties: refreshed.properties }); // 404: done
  assert.equal((await stack.plugin.read({ id: env.id, urn: env.urn, properties: refreshed.properties, inputs: values.news })).id, '');
});

test('connection schedule: cron and zone in place, a new connection replaces, drift, import by connectionId/scheduleId, delete twice', async () => {
  const c = await create(CONNECTION, connectionInputs());
  const other = await create(CONNECTION, connectionInputs());
  const s = await create(SCHEDULE, { connectionId: c.id, schedule: '0 2 * * ? *', timezone: 'Europe/Paris' });
  const inOmni = () => stack.emulator.expectOk('GET', `/api/v1/connections/${c.id}/schedules/${s.id}`, {}, 200);
  assert.equal((await inOmni()).timezone, 'Europe/Paris');
  assert.match(s.outputs.description, /02:00/);

  const moved = await previewChange(s, { ...s.inputs, schedule: '30 4 ? * MON *', timezone: 'UTC' });
  assert.deepEqual([...moved.diff.diffs].sort(), ['schedule', 'timezone']);
  assert.deepEqual(moved.diff.replaces, []);
  const elsewhere = await previewChange(s, { ...s.inputs, connectionId: other.id });
  assert.deepEqual(elsewhere.diff.replaces, ['connectionId']);
  const updated = await stack.plugin.update({ id: s.id, urn: s.urn, olds: s.outputs, oldInputs: s.inputs, news: moved.news });
  assert.equal((await inOmni()).schedule, '30 4 ? * MON *');

  await stack.emulator.expectOk('PUT', `/api/v1/connections/${c.id}/schedules/${s.id}`, { body: { schedule: '0 6 * * ? *', timezone: 'UTC' } }, 200);
  const refreshed = await stack.plugin.read({ id: s.id, urn: s.urn, properties: updated.properties, inputs: moved.news });
  assert.equal(refreshed.inputs.schedule, '0 6 * * ? *');
  const drift = await stack.plugin.diff({ id: s.id, urn: s.urn, olds: refreshed.properties, oldInputs: refreshed.inputs, news: moved.news });
  assert.deepEqual(drift.diffs, ['schedule']);

  const imported = await importOf(SCHEDULE, `${c.id}/${s.id}`);
  assert.equal(imported.id, s.id);
  assert.deepEqual({ ...imported.inputs }, { connectionId: c.id, schedule: '0 6 * * ? *', timezone: 'UTC' });

  await stack.plugin.delete({ id: s.id, urn: s.urn, properties: refreshed.properties });
  assert.equal((await stack.emulator.request('GET', `/api/v1/connections/${c.id}/schedules/${s.id}`)).status, 404);
  await stack.plugin.delete({ id: s.id, urn: s.urn, properties: refreshed.properties }); // 404: done
});

test('model and git link: rename in place, a new connection replaces, drift, import, delete twice; the webhook secret stays secret', async () => {
  const c = await create(CONNECTION, connectionInputs());
  const other = await create(CONNECTION, connectionInputs());
  const m = await create(MODEL, { connectionId: c.id, name: name('Sales') });
  const renamed = await previewChange(m, { ...m.inputs, name: `${m.inputs.name}-v2` });
  assert.deepEqual(renamed.diff.replaces, []);
  assert.deepEqual((await previewChange(m, { ...m.inputs, connectionId: other.id })).diff.replaces, ['connectionId']);
  const updatedModel = await stack.plugin.update({ id: m.id, urn: m.urn, olds: m.outputs, oldInputs: m.inputs, news: renamed.news });

  const webhookSecret = 'whsec-never-shown-1234';
  const git = await create(MODEL_GIT, { modelId: m.id, cloneUrl: 'git@github.com:example/omni.git', baseBranch: 'main', webhookSecret: secret(webhookSecret) });
  assert.equal(git.id, m.id);
  assert.ok(isSecret(git.outputs.webhookSecret) && isSecret(git.outputs.webhookSecretOut));
  assert.ok(!JSON.stringify(Object.entries(git.outputs).filter(([, v]) => !isSecret(v))).includes(webhookSecret));
  const branch = await previewChange(git, { ...git.inputs, baseBranch: 'develop' });
  assert.deepEqual(branch.diff.replaces, []);
  assert.deepEqual(branch.diff.diffs, ['baseBranch']);

  await stack.emulator.expectOk('PATCH', `/api/v1/models/${m.id}/git`, { body: { baseBranch: 'hotfix' } }, 200);
  const refreshedGit = await stack.plugin.read({ id: git.id, urn: git.urn, properties: git.outputs, inputs: git.inputs });
  assert.equal(refreshedGit.inputs.baseBranch, 'hotfix');
  const imported = await importOf(MODEL_GIT, m.id);
  assert.equal(imported.inputs.cloneUrl, 'git@github.com:example/omni.git');
  const importedModel = await importOf(MODEL, m.id);
  assert.equal(importedModel.inputs.name, renamed.news.name);

  await stack.plugin.delete({ id: git.id, urn: git.urn, properties: refreshedGit.properties });
  assert.equal((await stack.emulator.request('GET', `/api/v1/models/${m.id}/git`)).status, 404);
  await stack.plugin.delete({ id: git.id, urn: git.urn, properties: refreshedGit.properties }); // no link: done
  await stack.plugin.delete({ id: m.id, urn: m.urn, properties: updatedModel.properties });
  await stack.plugin.delete({ id: m.id, urn: m.urn, properties: updatedModel.properties }); // archived: done
  assert.equal((await stack.plugin.read({ id: m.id, urn: m.urn, properties: updatedModel.properties, inputs: renamed.news })).id, '');
});

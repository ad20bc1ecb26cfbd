// The plugin binary, started as the engine starts it, driven through a user's whole lifecycle by
// Pulumi's own ResourceProviderClient against the emulator. One emulator and one plugin for the
// file; every test makes its own users (unique emails) so that none depends on another's leftovers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startStack, startPlugin, startEmulator, startFakeEngine, providerPb, providerArgs, secret, isSecret, isUnknown, reveal, randomKey,
  uniqueEmail, urnOf, waitFor, grpc, UNKNOWN, DiffChanges, DiffKind, LogSeverity, USER_ATTRIBUTES,
} from './harness.mjs';

const PAT = randomKey('omni_pat');
let stack;
const extraPlugins = []; // plugins beyond the shared one, kept for the "key never leaks" check

before(async () => {
  const emulator = await startEmulator({ pats: [PAT] });
  try {
    stack = await startStack({ emulator });
  } catch (err) {
    await emulator.stop();
    throw err;
  }
  const close = stack.close;
  stack.close = async () => { await close(); await emulator.stop(); };
});

after(async () => {
  for (const p of extraPlugins) {
    await p.plugin.stop().catch(() => {});
    await p.engine?.close();
  }
  await stack?.close();
});

const name = (prefix = 'u') => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

function programInputs(overrides = {}) {
  return { userName: uniqueEmail('ada'), displayName: 'Ada Lovelace', attributes: { region: 'us-east', level: 3 }, ...overrides };
}

/** What the engine does for a new resource in `pulumi up`: Check, then Create. */
async function createUser(inputs = programInputs(), resourceName = name()) {
  const urn = urnOf(resourceName);
  const checked = await stack.plugin.check({ urn, news: inputs });
  assert.deepEqual(checked.failures, [], 'check failures for valid inputs');
  const created = await stack.plugin.create({ urn, properties: checked.inputs });
  assert.ok(created.id, 'create returned an id');
  return { urn, id: created.id, inputs: checked.inputs, outputs: created.properties };
}

/** A plugin of its own (same emulator, same fake engine), for tests that need another configuration. */
async function extraPlugin(providerConfig) {
  const plugin = await startPlugin({ engineAddress: stack.engine.address });
  const entry = { plugin };
  extraPlugins.push(entry);
  await plugin.handshake({ engineAddress: stack.engine.address });
  if (providerConfig) await plugin.configure({ args: providerArgs(stack.emulator, providerConfig) });
  return plugin;
}

/** Requests to Omni's API (the admin API's own calls excluded). */
async function omniRequestCount() {
  const { byRoute = {} } = await stack.emulator.counters();
  return Object.entries(byRoute).filter(([route]) => route.includes(' /api/')).reduce((n, [, r]) => n + r.total, 0);
}

const attributesOf = (scimUser) => scimUser[USER_ATTRIBUTES] ?? {};
const cleared = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

// ---- Start-up and provider configuration ---------------------------------------------------------

test('handshake accepts secrets and resources', () => {
  assert.equal(stack.handshake.acceptSecrets, true);
  assert.equal(stack.handshake.acceptResources, true);
});

test('getPluginInfo reports version 0.1.0', async () => {
  assert.equal((await stack.plugin.getPluginInfo()).version, '0.1.0');
});

test('getSchema serves the omni package with omni:index:User', async () => {
  const schema = await stack.plugin.getSchema();
  assert.equal(schema.name, 'omni');
  const user = schema.resources?.['omni:index:User'];
  assert.ok(user, 'schema.resources has omni:index:User');
  for (const p of ['userName', 'displayName', 'attributes', 'active', 'deletionMode', 'adoptExisting']) {
    assert.ok(user.inputProperties?.[p], `User input ${p}`);
  }
  assert.ok(user.requiredInputs.includes('userName') && user.requiredInputs.includes('displayName'));
  assert.equal(schema.config?.variables?.apiKey?.secret, true, 'config apiKey is secret');
});

test('checkConfig accepts a good configuration, including the engine\'s version key', async () => {
  const { failures } = await stack.plugin.checkConfig({
    news: { baseUrl: stack.emulator.baseUrl, apiKey: stack.emulator.apiKey, version: '0.1.0' },
  });
  assert.deepEqual(failures, []);
});

test('checkConfig without apiKey fails naming apiKey', async () => {
  const { failures } = await stack.plugin.checkConfig({ news: { baseUrl: stack.emulator.baseUrl, version: '0.1.0' } });
  assert.ok(failures.length > 0, 'a failure is reported');
  assert.ok(failures.some((f) => f.property === 'apiKey' || /apiKey/.test(f.reason)),
    `a failure names apiKey: ${JSON.stringify(failures)}`);
});

test('configure with the key as a secret succeeds and keeps the handshake flags', () => {
  assert.equal(stack.configured.acceptsecrets, true);
  assert.equal(stack.configured.acceptresources, true);
  assert.equal(stack.configured.supportspreview, true);
});

test('configure with a personal access token fails asking for an Organization API key, without the token', async () => {
  const plugin = await extraPlugin();
  await assert.rejects(
    plugin.configure({ args: { ...providerArgs(stack.emulator), apiKey: secret(PAT) } }),
    (err) => {
      assert.notEqual(err.code, grpc.status.OK);
      assert.match(err.details, /organi[sz]ation API key/i);
      assert.ok(!err.details.includes(PAT), 'the error does not repeat the token');
      return true;
    });
  assert.ok(!plugin.stderr.includes(PAT), 'the token is not on stderr');
  assert.ok(!stack.engine.logs.some((l) => l.message.includes(PAT)), 'the token is not in a Log call');
});

test('with no arguments the plugin serves in attach mode and logs to the engine named by Handshake and Attach', async () => {
  const engine = await startFakeEngine();
  const plugin = await startPlugin({ args: [] });
  extraPlugins.push({ plugin, engine });
  await plugin.handshake({ engineAddress: engine.address });
  await plugin.attach(engine.address);
  await plugin.configure({ args: providerArgs(stack.emulator) });
  const user = await createUser();
  await stack.emulator.deleteUser(user.id);
  const read = await plugin.read({ id: user.id, urn: user.urn, properties: user.outputs, inputs: user.inputs });
  assert.equal(read.id, '');
  await waitFor(() => engine.logs.some((l) => l.severity === LogSeverity.WARNING), { what: 'a WARNING on the attached engine' });
});

test('Parameterize, Construct and Call answer Unimplemented', async () => {
  const calls = {
    parameterize: new providerPb.ParameterizeRequest(),
    construct: new providerPb.ConstructRequest(),
    call: new providerPb.CallRequest(),
  };
  for (const [method, request] of Object.entries(calls)) {
    await assert.rejects(stack.plugin.rpc[method](request), (err) => {
      assert.equal(err.code, grpc.status.UNIMPLEMENTED, `${method}: ${err.code} ${err.details}`);
      return true;
    });
  }
});

test('diffConfig answers for an unchanged configuration', async () => {
  const config = { baseUrl: stack.emulator.baseUrl, apiKey: secret(stack.emulator.apiKey), version: '0.1.0' };
  const diff = await stack.plugin.diffConfig({ olds: config, news: config });
  assert.notEqual(diff.changes, DiffChanges.DIFF_SOME, `diffConfig: ${JSON.stringify(diff)}`);
});

// ---- Check and Diff ------------------------------------------------------------------------------

test('check accepts valid inputs and fills the defaults', async () => {
  const inputs = programInputs();
  const { inputs: checked, failures } = await stack.plugin.check({ urn: urnOf(name()), news: inputs });
  assert.deepEqual(failures, []);
  assert.equal(checked.userName, inputs.userName);
  assert.equal(checked.displayName, inputs.displayName);
  assert.equal(checked.active, true);
  assert.equal(checked.deletionMode, 'delete');
});

test('check rejects a bad email on userName', async () => {
  const { failures } = await stack.plugin.check({ urn: urnOf(name()), news: programInputs({ userName: 'not-an-email' }) });
  assert.ok(failures.some((f) => f.property === 'userName'), `a failure on userName: ${JSON.stringify(failures)}`);
});

test('check names a missing required property', async () => {
  const { userName } = programInputs();
  const { failures } = await stack.plugin.check({ urn: urnOf(name()), news: { userName } });
  assert.ok(failures.some((f) => f.property === 'displayName'), `a failure on displayName: ${JSON.stringify(failures)}`);
});

test('check lets unknown values through in preview', async () => {
  const news = programInputs({ displayName: UNKNOWN.string, attributes: UNKNOWN.object });
  const { failures } = await stack.plugin.check({ urn: urnOf(name()), news });
  assert.deepEqual(failures, []);
});

test('diff reports a display name change as an in-place update with a detailed diff', async () => {
  const inputs = programInputs();
  const outputs = { ...inputs, active: true, deletionMode: 'delete', adoptExisting: false, attributes: { region: 'us-east', level: '3' } };
  const diff = await stack.plugin.diff({ id: 'x', urn: urnOf(name()), olds: outputs, oldInputs: inputs, news: { ...inputs, displayName: 'Ada King' } });
  assert.equal(diff.changes, DiffChanges.DIFF_SOME);
  assert.deepEqual(diff.replaces, []);
  assert.ok(diff.diffs.includes('displayName'));
  assert.equal(diff.hasDetailedDiff, true);
  assert.equal(diff.detailedDiff.displayName?.kind, DiffKind.UPDATE);
});

test('a real userName change is an in-place update (no replace); a case-only one is no change', async () => {
  const inputs = programInputs();
  const urn = urnOf(name());
  const real = await stack.plugin.diff({ id: 'x', urn, olds: inputs, news: { ...inputs, userName: uniqueEmail('other') } });
  assert.equal(real.changes, DiffChanges.DIFF_SOME);
  assert.ok(real.diffs.includes('userName'), `diffs: ${real.diffs}`);
  assert.deepEqual(real.replaces, [], `replaces: ${real.replaces}`);
  const caseOnly = await stack.plugin.diff({ id: 'x', urn, olds: inputs, news: { ...inputs, userName: inputs.userName.toUpperCase() } });
  assert.equal(caseOnly.changes, DiffChanges.DIFF_NONE);
});

// ---- Create, Read, Update --------------------------------------------------------------------------

test('preview create returns an empty id and creates nothing', async () => {
  const inputs = programInputs();
  const urn = urnOf(name());
  const { inputs: checked } = await stack.plugin.check({ urn, news: inputs });
  const postsBefore = await stack.emulator.countOf('POST /api/scim/v2/users');
  const preview = await stack.plugin.create({ urn, properties: checked, preview: true });
  assert.equal(preview.id, '');
  const created = preview.properties?.created;
  assert.ok(created === undefined || isUnknown(created), `created is unknown in preview, got ${created}`);
  assert.equal(await stack.emulator.countOf('POST /api/scim/v2/users'), postsBefore, 'no POST was sent');
  assert.deepEqual(await stack.emulator.findUsers(inputs.userName), []);
});

test('preview create accepts unknown inputs', async () => {
  const urn = urnOf(name());
  const preview = await stack.plugin.create({ urn, preview: true,
    properties: { ...programInputs(), displayName: UNKNOWN.string, active: true, deletionMode: 'delete' } });
  assert.equal(preview.id, '');
});

test('create makes the user in Omni with normalised attributes', async () => {
  const inputs = programInputs({ attributes: { region: 'us-east', level: 3, regions: ['us', 'eu'] } });
  const user = await createUser(inputs);
  const scim = await stack.emulator.getUser(user.id);
  assert.ok(scim, 'the user exists in the emulator');
  assert.equal(scim.userName.toLowerCase(), inputs.userName.toLowerCase());
  assert.equal(scim.displayName, 'Ada Lovelace');
  assert.equal(scim.active, true);
  assert.deepEqual(attributesOf(scim), { region: 'us-east', level: '3', regions: ['us', 'eu'] });
  const out = reveal(user.outputs);
  assert.equal(out.userName.toLowerCase(), inputs.userName.toLowerCase());
  assert.equal(out.displayName, 'Ada Lovelace');
  assert.deepEqual(out.emails?.map((e) => e.toLowerCase()), [inputs.userName.toLowerCase()]);
  assert.ok(out.created, 'created output is set');
});

test('create of an email that exists fails with the import command; adoptExisting adopts it', async () => {
  const userName = uniqueEmail('taken');
  const existing = await stack.emulator.createUser({ userName, displayName: 'Made In UI' });
  await stack.emulator.patchUser(existing.id, [{ op: 'replace', path: 'active', value: false }]);
  const resourceName = name('dup');
  const urn = urnOf(resourceName);
  const { inputs } = await stack.plugin.check({ urn, news: programInputs({ userName }) });
  await assert.rejects(stack.plugin.create({ urn, properties: inputs }), (err) => {
    assert.match(err.details, new RegExp(`pulumi import omni:index:User ${resourceName} ${userName.replace(/\./g, '\\.')}`));
    assert.equal(err.initFailure, null, 'nothing was created, so no partial failure');
    return true;
  });
  const adopting = await stack.plugin.check({ urn, news: programInputs({ userName, adoptExisting: true }) });
  const adopted = await stack.plugin.create({ urn, properties: adopting.inputs });
  assert.equal(adopted.id, existing.id);
  assert.equal(reveal(adopted.properties).adopted, true);
  const scim = await stack.emulator.getUser(existing.id);
  assert.equal(scim.active, true, 'reactivated');
  assert.equal(scim.displayName, 'Ada Lovelace', 'updated to the declared state');
});

test('a secret input stays secret in the outputs', async () => {
  const inputs = programInputs({ displayName: secret('Secret Agent') });
  const user = await createUser(inputs);
  assert.ok(isSecret(user.outputs.displayName), `displayName output: ${JSON.stringify(user.outputs.displayName)}`);
  assert.equal((await stack.emulator.getUser(user.id)).displayName, 'Secret Agent');
});

test('read returns the user as it is', async () => {
  const user = await createUser();
  const read = await stack.plugin.read({ id: user.id, urn: user.urn, properties: user.outputs, inputs: user.inputs });
  assert.equal(read.id, user.id);
  assert.equal(reveal(read.properties).displayName, 'Ada Lovelace');
  assert.equal(reveal(read.inputs).userName, user.inputs.userName);
});

test('diff after create and refresh shows no change (no perpetual diff)', async () => {
  const user = await createUser();
  const direct = await stack.plugin.diff({ id: user.id, urn: user.urn, olds: user.outputs, oldInputs: user.inputs, news: user.inputs });
  assert.equal(direct.changes, DiffChanges.DIFF_NONE, `after create: ${JSON.stringify(direct)}`);
  const read = await stack.plugin.read({ id: user.id, urn: user.urn, properties: user.outputs, inputs: user.inputs });
  const refreshed = await stack.plugin.diff({ id: user.id, urn: user.urn, olds: read.properties, oldInputs: read.inputs, news: user.inputs });
  assert.equal(refreshed.changes, DiffChanges.DIFF_NONE, `after refresh: ${JSON.stringify(refreshed)}`);
});

test('update changes the display name and adds, changes and clears attributes with one PATCH', async () => {
  const user = await createUser(programInputs({ attributes: { region: 'us-east', level: 3 } }));
  const news = (await stack.plugin.check({ urn: user.urn, olds: user.inputs,
    news: { ...user.inputs, displayName: 'Ada King', attributes: { region: 'eu-west', department: 'Finance' } } })).inputs;
  const diff = await stack.plugin.diff({ id: user.id, urn: user.urn, olds: user.outputs, oldInputs: user.inputs, news });
  assert.equal(diff.changes, DiffChanges.DIFF_SOME);
  assert.deepEqual(diff.replaces, []);
  assert.ok(diff.diffs.includes('displayName') && diff.diffs.includes('attributes'), `diffs: ${diff.diffs}`);

  const patchRoute = 'PATCH /api/scim/v2/users/{id}';
  const patchesBefore = await stack.emulator.countOf(patchRoute);
  const updated = await stack.plugin.update({ id: user.id, urn: user.urn, olds: user.outputs, oldInputs: user.inputs, news });
  assert.equal(await stack.emulator.countOf(patchRoute) - patchesBefore, 1, 'exactly one PATCH');
  assert.equal(reveal(updated.properties).displayName, 'Ada King');

  const scim = await stack.emulator.getUser(user.id);
  assert.equal(scim.displayName, 'Ada King');
  const attrs = attributesOf(scim);
  assert.equal(attrs.region, 'eu-west', 'changed attribute');
  assert.equal(attrs.department, 'Finance', 'added attribute');
  assert.ok(cleared(attrs.level), `removed attribute is cleared, got ${JSON.stringify(attrs.level)}`);
});

test('preview update calls nothing', async () => {
  const user = await createUser();
  const requestsBefore = await omniRequestCount();
  const news = { ...user.inputs, displayName: 'Preview Only' };
  const preview = await stack.plugin.update({ id: user.id, urn: user.urn, olds: user.outputs, oldInputs: user.inputs, news, preview: true });
  assert.equal(reveal(preview.properties).displayName, 'Preview Only');
  assert.equal(await omniRequestCount(), requestsBefore, 'no request reached Omni');
  assert.equal((await stack.emulator.getUser(user.id)).displayName, 'Ada Lovelace');
});

// ---- Refresh and import --------------------------------------------------------------------------

test('refresh after an out-of-band rename shows the drift', async () => {
  const user = await createUser();
  await stack.emulator.renameUser(user.id, 'Renamed In UI');
  const read = await stack.plugin.read({ id: user.id, urn: user.urn, properties: user.outputs, inputs: user.inputs });
  assert.equal(read.id, user.id);
  assert.equal(reveal(read.properties).displayName, 'Renamed In UI');
  assert.equal(reveal(read.inputs).displayName, 'Renamed In UI');
  const diff = await stack.plugin.diff({ id: user.id, urn: user.urn, olds: read.properties, oldInputs: read.inputs, news: user.inputs });
  assert.equal(diff.changes, DiffChanges.DIFF_SOME);
  assert.ok(diff.diffs.includes('displayName'), `diffs: ${diff.diffs}`);
});

test('refresh does not pull undeclared attributes into the inputs', async () => {
  const user = await createUser(programInputs({ attributes: { region: 'us-east' } }));
  await stack.emulator.patchUser(user.id, [{ op: 'replace', value: { [USER_ATTRIBUTES]: { department: 'Set In UI' } } }]);
  const read = await stack.plugin.read({ id: user.id, urn: user.urn, properties: user.outputs, inputs: user.inputs });
  assert.equal(reveal(read.inputs).attributes?.department, undefined);
  const diff = await stack.plugin.diff({ id: user.id, urn: user.urn, olds: read.properties, oldInputs: read.inputs, news: user.inputs });
  assert.equal(diff.changes, DiffChanges.DIFF_NONE, `diff: ${JSON.stringify(diff)}`);
});

test('refresh after an out-of-band delete returns an empty id and logs a warning', async () => {
  const user = await createUser();
  await stack.emulator.deleteUser(user.id);
  const logsBefore = stack.engine.logs.length;
  const read = await stack.plugin.read({ id: user.id, urn: user.urn, properties: user.outputs, inputs: user.inputs });
  assert.equal(read.id, '');
  const warning = await waitFor(() => stack.engine.logs.slice(logsBefore).find((l) => l.severity === LogSeverity.WARNING),
    { what: 'a WARNING Log call on the fake engine' });
  assert.ok(warning.message.length > 0);
});

async function userMadeInTheUi() {
  const userName = uniqueEmail('grace');
  const scim = await stack.emulator.createUser({ userName, displayName: 'Grace Hopper',
    attributes: { region: 'us-west', regions: ['us', 'eu'] } });
  return { userName, id: scim.id };
}

function assertImportedInputs(inputs, userName) {
  const plain = reveal(inputs);
  assert.equal(plain.userName.toLowerCase(), userName.toLowerCase());
  assert.equal(plain.displayName, 'Grace Hopper');
  assert.equal(plain.attributes?.region, 'us-west');
  assert.deepEqual(plain.attributes?.regions, ['us', 'eu']);
}

test('import by id returns inputs with every attribute', async () => {
  const { id, userName } = await userMadeInTheUi();
  // As the engine sends it: properties and inputs are empty Structs, not absent.
  const read = await stack.plugin.read({ id, urn: urnOf(name('imported')), properties: {}, inputs: {} });
  assert.equal(read.id, id);
  assert.ok(read.properties, 'properties are returned');
  assert.ok(read.inputs, 'inputs are returned (otherwise the engine says import is unsupported)');
  assertImportedInputs(read.inputs, userName);
});

test('import by userName resolves the id and returns the inputs', async () => {
  const { id, userName } = await userMadeInTheUi();
  const read = await stack.plugin.read({ id: userName, urn: urnOf(name('imported')), properties: {}, inputs: {} });
  assert.equal(read.id, id);
  assertImportedInputs(read.inputs, userName);
});

// ---- Delete --------------------------------------------------------------------------------------

test('delete with deletionMode delete removes the user', async () => {
  const user = await createUser(programInputs({ deletionMode: 'delete' }));
  await stack.plugin.delete({ id: user.id, urn: user.urn, properties: user.outputs, oldInputs: user.inputs });
  assert.equal(await stack.emulator.getUser(user.id), null, 'SCIM GET is 404');
});

test('delete of a user already gone succeeds', async () => {
  const user = await createUser();
  await stack.emulator.deleteUser(user.id);
  await stack.plugin.delete({ id: user.id, urn: user.urn, properties: user.outputs, oldInputs: user.inputs });
});

test('delete with deletionMode deactivate keeps the user, inactive', async () => {
  const user = await createUser(programInputs({ deletionMode: 'deactivate' }));
  await stack.plugin.delete({ id: user.id, urn: user.urn, properties: user.outputs, oldInputs: user.inputs });
  const scim = await stack.emulator.getUser(user.id);
  assert.ok(scim, 'the user still exists');
  assert.equal(scim.active, false);
});

// ---- Failures, cancellation, secrets -------------------------------------------------------------

test('a failure after the POST is a partial failure carrying the id', async () => {
  const plugin = await extraPlugin({ maxRetries: 0 });
  const inputs = programInputs({ active: false });
  const urn = urnOf(name());
  const { inputs: checked, failures } = await plugin.check({ urn, news: inputs });
  assert.deepEqual(failures, []);
  await stack.emulator.addFault({ method: 'PATCH', path: '/api/scim/v2/users', status: 500, phase: 'before' });
  try {
    await assert.rejects(plugin.create({ urn, properties: checked }), (err) => {
      assert.equal(err.code, grpc.status.UNKNOWN, `gRPC code: ${err.code} ${err.details}`);
      assert.ok(err.initFailure, 'grpc-status-details-bin carries an ErrorResourceInitFailed');
      assert.ok(err.initFailure.id, 'with the id');
      return true;
    });
  } finally {
    await stack.emulator.clearFaults();
  }
  const [user] = await stack.emulator.findUsers(inputs.userName);
  assert.ok(user, 'the user Omni created is there');
});

test('cancel answers, and stops an in-flight call', async () => {
  const plugin = await extraPlugin({ maxRetries: 0 });
  const user = await createUser();
  // Without cancellation, the read can only end by the 20 s gRPC deadline (the answer takes 30 s). A
  // refresh reads the user from the listing of /users (batched refresh), so the listing is slowed too.
  await stack.emulator.addFault({ method: 'GET', path: '/api/scim/v2/users', latencyMs: 30000, phase: 'before', count: 1 });
  try {
    const inFlight = plugin.read({ id: user.id, urn: user.urn, properties: user.outputs, inputs: user.inputs }, { timeoutMs: 20000 });
    inFlight.catch(() => {}); // observed below
    await new Promise((r) => setTimeout(r, 1000));
    await plugin.cancel();
    await assert.rejects(inFlight, (err) => {
      assert.notEqual(err.code, grpc.status.DEADLINE_EXCEEDED, 'the call was cancelled, not timed out');
      return true;
    });
  } finally {
    await stack.emulator.clearFaults();
  }
});

test('the API key never appears in a Log call, on stderr or on stdout', async () => {
  const key = stack.emulator.apiKey;
  const plugins = [stack.plugin, ...extraPlugins.map((e) => e.plugin)];
  const logs = [...stack.engine.logs, ...extraPlugins.flatMap((e) => e.engine?.logs ?? [])];
  for (const log of logs) assert.ok(!log.message.includes(key), `Log message leaks the key: ${log.message}`);
  for (const p of plugins) {
    assert.ok(!p.stderr.includes(key), 'stderr leaks the key');
    assert.ok(!p.stdoutAfterPort.includes(key), 'stdout leaks the key');
  }
});

// `make demo`, after the roster: examples/environment (the dev stack) through a full cycle, in harness
// mode (the plugin driven as the engine drives it, state in <demoDir>/environment/state.json):
// preview, up (a connection with a secret password, a second connection as its environment, a
// schema-refresh schedule, a shared model with its git link, a folder tree with group permissions,
// labels), a change (password rotation and a new schedule, both in place), a folder permission
// edited in Omni's UI shown as drift on refresh and restored by up, and destroy. Every step is
// checked against the emulator. The secrets come from the caller, so that a test can look for them
// in everything the demo writes (demo-environment.test.mjs).
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import YAML from 'yaml';
import { providerPb, toStruct, fromStruct, secret, reveal, repoRoot } from './harness.mjs';
import { Deployment, idOf } from './deployment.mjs';

export const CONNECTION = 'omni:index:Connection';
export const ENVIRONMENT = 'omni:index:ConnectionEnvironment';
export const SCHEDULE = 'omni:index:ConnectionSchedule';
export const MODEL = 'omni:index:Model';
export const MODEL_GIT = 'omni:index:ModelGit';
const FOLDER = 'omni:index:Folder';
const FOLDER_PERMISSION = 'omni:index:FolderPermission';
const LABEL = 'omni:index:Label';
const USER_ATTRIBUTE = 'omni:index:UserAttribute';
const ENVIRONMENT_ATTRIBUTE = 'warehouse_environment';

/** Fresh secrets for one run, as `pulumi config set --secret` would hold them. */
export const environmentSecrets = () => ({
  dbPassword: `pw-${randomBytes(9).toString('hex')}`,
  rotatedPassword: `pw-rotated-${randomBytes(9).toString('hex')}`,
  webhookSecret: `whsec-${randomBytes(12).toString('hex')}`,
});

/**
 * The dev stack's config as `pulumi up` would see it: examples/environment/Pulumi.dev.yaml over the
 * defaults in Pulumi.yaml (the secrets come from the caller, as `pulumi config set --secret` would).
 */
export async function stackConfig(stack = 'dev') {
  const dir = path.join(repoRoot, 'examples', 'environment');
  const project = YAML.parse(await fs.readFile(path.join(dir, 'Pulumi.yaml'), 'utf8'));
  const settings = YAML.parse(await fs.readFile(path.join(dir, `Pulumi.${stack}.yaml`), 'utf8')).config ?? {};
  const config = Object.fromEntries(Object.entries(project.config ?? {}).filter(([, d]) => d.default !== undefined).map(([k, d]) => [k, d.default]));
  for (const [key, value] of Object.entries(settings)) {
    if (key.startsWith(`${project.name}:`)) config[key.slice(project.name.length + 1)] = value;
  }
  return config;
}

/** examples/environment/Pulumi.yaml as name → { type, inputs }, with the groups it looks up. */
export function environmentProgram(config, groups, { password, webhookSecret }) {
  const env = config.environment;
  const connection = (name, database, extra = {}) => ({
    type: CONNECTION,
    inputs: { name, dialect: 'postgres', host: config.dbHost, port: 5432, database, username: config.dbUser, password: secret(password), baseRole: 'VIEWER', ...extra },
  });
  const folder = (name, extra = {}) => ({ type: FOLDER, inputs: { name, forceDestroy: config.forceDestroyFolders, ...extra } });
  return new Map([
    ['environmentAttribute', { type: USER_ATTRIBUTE, inputs: { name: ENVIRONMENT_ATTRIBUTE, label: 'Warehouse environment', type: 'String',
      description: 'Which warehouse a user queries; "sandbox" sends them to the sandbox database.' } }],
    // The program passes environmentAttribute.name: a dependency the engine would see, written here as the name itself.
    ['warehouse', connection(`Warehouse (${env})`, config.dbName, { environmentUserAttribute: ENVIRONMENT_ATTRIBUTE })],
    ['sandboxWarehouse', connection(`Warehouse sandbox (${env})`, config.sandboxDbName)],
    ['sandboxEnvironment', { type: ENVIRONMENT, inputs: { baseConnectionId: idOf('warehouse'), connectionId: idOf('sandboxWarehouse'), userAttributeValues: ['sandbox'] } }],
    ['schemaRefresh', { type: SCHEDULE, inputs: { connectionId: idOf('warehouse'), schedule: config.refreshSchedule, timezone: config.refreshTimezone } }],
    ['sharedModel', { type: MODEL, inputs: { connectionId: idOf('warehouse'), name: `Analytics (${env})` } }],
    ['modelGit', { type: MODEL_GIT, inputs: { modelId: idOf('sharedModel'), cloneUrl: config.gitCloneUrl, baseBranch: config.gitBaseBranch, webhookSecret: secret(webhookSecret) } }],
    ['root', folder(`Analytics (${env})`, { path: `analytics-${env}` })],
    ['reports', folder('Reports', { parentFolderId: idOf('root') })],
    ['sandbox', folder('Sandbox', { parentFolderId: idOf('root') })],
    ['analystsOnReports', { type: FOLDER_PERMISSION, inputs: { folderId: idOf('reports'), groupId: groups.analysts, role: config.analystsRole } }],
    ['engineeringOnRoot', { type: FOLDER_PERMISSION, inputs: { folderId: idOf('root'), groupId: groups.engineering, role: 'MANAGER' } }],
    ['analystsOnSandbox', { type: FOLDER_PERMISSION, inputs: { folderId: idOf('sandbox'), groupId: groups.analysts, role: 'EDITOR' } }],
    ['certified', { type: LABEL, inputs: { name: `Certified ${env}`, color: '#1a7f37', description: `Reviewed by the data team for the ${env} environment.` } }],
    ['draft', { type: LABEL, inputs: { name: `Draft ${env}`, color: '#9a6700' } }],
  ]);
}

async function invoke(plugin, tok, args) {
  const req = new providerPb.InvokeRequest();
  req.setTok(tok);
  req.setArgs(toStruct(args));
  const res = await plugin.rpc.invoke(req);
  const failures = res.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`);
  if (failures.length > 0) throw new Error(`${tok}: ${failures.join('; ')}`);
  return fromStruct(res.getReturn());
}

/** The roster's groups (examples/gitops), looked up by name as the program does; made through SCIM when the roster left none. */
async function rosterGroup(emulator, plugin, displayName, note) {
  const filter = encodeURIComponent(`displayName eq "${displayName}"`);
  const found = await emulator.expectOk('GET', `/api/scim/v2/groups?filter=${filter}&excludedAttributes=members`, {}, 200);
  if ((found.Resources ?? []).length === 0) {
    await emulator.expectOk('POST', '/api/scim/v2/groups', { body: { displayName, members: [] } }, 201);
    note(`POST /api/scim/v2/groups ${JSON.stringify(displayName)} (the roster's group, made outside this stack)`);
  }
  return (await invoke(plugin, 'omni:index:getGroup', { displayName })).id;
}

/** What Omni holds for each resource of the deployment, compared with the program; throws on the first difference. */
async function verifyInOmni(emulator, deployment, desired, groupNames, expect) {
  const id = (name) => deployment.resources.get(name).id;
  const inputs = (name) => reveal(deployment.resources.get(name).inputs);
  for (const name of ['warehouse', 'sandboxWarehouse']) {
    const { connection } = await emulator.expectOk('GET', `/api/v1/connections/${id(name)}`, {}, 200);
    expect(connection.name === inputs(name).name && connection.deletedAt === null && connection.baseRole === 'VIEWER'
      && connection.userAttributeNameForConnectionsEnvironments === (inputs(name).environmentUserAttribute ?? null),
      `connection ${name} in Omni: ${JSON.stringify(connection)}`);
    expect(!JSON.stringify(connection).includes(reveal(inputs(name).password)), `Omni returned ${name}'s password`);
  }
  const { connectionEnvironments } = await emulator.expectOk('GET', '/api/v1/connection-environments', {}, 200);
  const environment = connectionEnvironments.find((e) => e.id === id('sandboxEnvironment'));
  expect(environment?.baseConnectionId === id('warehouse') && environment?.connectionId === id('sandboxWarehouse')
    && JSON.stringify(environment.userAttributeValues) === JSON.stringify(['sandbox']), `the connection environment in Omni: ${JSON.stringify(environment)}`);
  const schedule = await emulator.expectOk('GET', `/api/v1/connections/${id('warehouse')}/schedules/${id('schemaRefresh')}`, {}, 200);
  const wantedSchedule = desired.get('schemaRefresh').inputs;
  expect(schedule.schedule === wantedSchedule.schedule && schedule.timezone === wantedSchedule.timezone, `the schedule in Omni: ${JSON.stringify(schedule)}`);
  const models = await emulator.expectOk('GET', `/api/v1/models?modelId=${id('sharedModel')}`, {}, 200);
  expect(models.records?.[0]?.name === desired.get('sharedModel').inputs.name && models.records[0].modelKind === 'SHARED',
    `the shared model in Omni: ${JSON.stringify(models.records)}`);
  const git = await emulator.expectOk('GET', `/api/v1/models/${id('sharedModel')}/git`, {}, 200);
  const wantedGit = desired.get('modelGit').inputs;
  expect(git.cloneUrl === wantedGit.cloneUrl && git.baseBranch === wantedGit.baseBranch,
    `the git link in Omni: ${JSON.stringify({ ...git, webhookSecret: undefined })}`);
  const folders = (await emulator.expectOk('GET', '/api/v1/folders?pageSize=100', {}, 200)).records;
  for (const name of ['root', 'reports', 'sandbox']) {
    const folder = folders.find((f) => f.id === id(name));
    expect(folder?.name === desired.get(name).inputs.name, `folder ${name} in Omni: ${JSON.stringify(folder)}`);
  }
  for (const name of ['analystsOnReports', 'engineeringOnRoot', 'analystsOnSandbox']) {
    const wanted = desired.get(name).inputs;
    const { permits } = await emulator.expectOk('GET', `/api/v1/folders/${id(wanted.folderId.name)}/permissions`, {}, 200);
    // Omni lists a group's permit under the group's full UUID, not the SCIM id the program passes: matched by name.
    const permit = permits.find((p) => p.name === groupNames[wanted.groupId]);
    expect(permit?.role === wanted.role, `${name}: Omni holds ${JSON.stringify(permits)}, expected ${wanted.role} for group ${wanted.groupId}`);
  }
  for (const name of ['certified', 'draft']) {
    const label = await emulator.expectOk('GET', `/api/v1/labels/${encodeURIComponent(desired.get(name).inputs.name)}`, {}, 200);
    expect(label.color === desired.get(name).inputs.color, `label ${name} in Omni: ${JSON.stringify(label)}`);
  }
}

/**
 * Runs the environment through the whole cycle. `ui` carries the demo's printing and checking
 * (header, note, expect); `secrets` the values a program would take from `pulumi config --secret`.
 * Returns the deployment (its state file is `<demoDir>/environment/state.json`).
 */
export async function runEnvironmentDemo({ emulator, stack, demoDir, ui, secrets = environmentSecrets(), print = console.log }) {
  const { header, note, expect } = ui;
  const devConfig = await stackConfig('dev');
  const deployment = new Deployment({ plugin: stack.plugin, project: 'omni-environment', statePath: path.join(demoDir, 'environment', 'state.json'), print });
  const writes = async () => {
    const { byRoute = {} } = await emulator.counters();
    return Object.entries(byRoute).filter(([route]) => /^(POST|PUT|PATCH|DELETE) \/api\//.test(route)).reduce((n, [, c]) => n + c.total, 0);
  };

  header('environment: preview of examples/environment (stack dev)');
  const groups = {
    analysts: await rosterGroup(emulator, stack.plugin, devConfig.analystsGroup, note),
    engineering: await rosterGroup(emulator, stack.plugin, devConfig.engineeringGroup, note),
  };
  const groupNames = { [groups.analysts]: devConfig.analystsGroup, [groups.engineering]: devConfig.engineeringGroup };
  note(`getGroup: ${devConfig.analystsGroup} → ${groups.analysts}, ${devConfig.engineeringGroup} → ${groups.engineering}`);
  const desired = environmentProgram(devConfig, groups, { password: secrets.dbPassword, webhookSecret: secrets.webhookSecret });
  const writesBefore = await writes();
  const planned = await deployment.preview(desired);
  expect(planned.length === desired.size && planned.every((s) => s.op === 'create'), 'the first preview of the environment must only create');
  expect(await writes() === writesBefore, 'the environment preview sent a write to Omni');
  note('verified: preview sent nothing to Omni');

  header('environment: up (connections, environment, schedule, model and git, folders, permissions, labels)');
  await deployment.up(desired);
  await verifyInOmni(emulator, deployment, desired, groupNames, expect);
  const password = deployment.resources.get('warehouse').outputs.password;
  expect(password?.value === secrets.dbPassword && password['4dabf18193072939515e22adb298388d'] !== undefined,
    'the connection password must be in state as a secret');
  note(`verified in the emulator: the environment attribute, 2 connections (the warehouse choosing environments by ${ENVIRONMENT_ATTRIBUTE}), their environment, the schedule, the shared model and its git link, 3 folders, 3 group permissions, 2 labels`);

  header('environment: rotate the password and move the schema refresh (both in place)');
  const changed = environmentProgram({ ...devConfig, refreshSchedule: '30 3 ? * MON-FRI *' }, groups,
    { password: secrets.rotatedPassword, webhookSecret: secrets.webhookSecret });
  const changePlan = await deployment.preview(changed);
  const ops = Object.fromEntries(changePlan.filter((s) => s.op !== 'same').map((s) => [s.name, s.op]));
  expect(JSON.stringify(ops) === JSON.stringify({ warehouse: 'update', sandboxWarehouse: 'update', schemaRefresh: 'update' }),
    `the change must update the two connections and the schedule in place, nothing else: ${JSON.stringify(ops)}`);
  note('verified: the plan shows ~ password ([secret]) and ~ schedule as updates in place, no replacement');
  const renamePlan = await deployment.plan(environmentProgram({ ...devConfig, dbName: 'analytics_dev2' }, groups,
    { password: secrets.rotatedPassword, webhookSecret: secrets.webhookSecret }));
  const renameStep = renamePlan.find((s) => s.name === 'warehouse');
  expect(renameStep.op === 'replace' && renameStep.diff.replaces.includes('database'),
    `a new database must replace the connection (Omni cannot PATCH it): ${JSON.stringify(renameStep.diff?.replaces)}`);
  note('verified: a different database would replace the connection (+-), as Omni cannot change it (not applied)');
  const patchesBefore = await emulator.countOf('PATCH /api/v1/connections/{id}');
  const idsBefore = JSON.stringify([...deployment.resources].map(([name, r]) => [name, r.id]));
  await deployment.up(changed);
  expect(JSON.stringify([...deployment.resources].map(([name, r]) => [name, r.id])) === idsBefore, 'an update in place must keep every id');
  expect(await emulator.countOf('PATCH /api/v1/connections/{id}') === patchesBefore + 2, 'the rotation must be one PATCH per connection');
  await verifyInOmni(emulator, deployment, changed, groupNames, expect);
  note('verified: one PATCH per connection, the schedule moved, the ids unchanged');

  header('environment: a folder permission edited in the Omni UI, then refresh and up');
  const reportsId = deployment.resources.get('reports').id;
  const uiRole = devConfig.analystsRole === 'VIEWER' ? 'MANAGER' : 'VIEWER';
  await emulator.expectOk('PATCH', `/api/v1/folders/${reportsId}/permissions`, { body: { userGroupIds: [groups.analysts], role: uiRole } }, 200);
  note(`PATCH /api/v1/folders/${reportsId}/permissions ${devConfig.analystsGroup} → ${uiRole} (outside Pulumi)`);
  print('  pulumi refresh:');
  const drift = await deployment.refresh();
  expect(drift.some((d) => d.name === 'analystsOnReports' && d.property === 'role' && d.after === uiRole && d.input),
    `refresh did not report the role changed in the UI: ${JSON.stringify(drift)}`);
  expect(drift.every((d) => d.name === 'analystsOnReports' || !d.input), `refresh reported drift elsewhere: ${JSON.stringify(drift)}`);
  print(`  pulumi preview (the program still says ${devConfig.analystsRole}):`);
  const restore = await deployment.preview(changed);
  expect(restore.find((s) => s.name === 'analystsOnReports')?.op === 'update', 'the next preview should set the role back in place');
  print('  pulumi up:');
  await deployment.up(changed);
  await verifyInOmni(emulator, deployment, changed, groupNames, expect);
  note(`verified: ${devConfig.analystsGroup} is ${devConfig.analystsRole} on Reports again`);

  header('environment: destroy');
  const ids = Object.fromEntries([...deployment.resources].map(([name, r]) => [name, r.id]));
  const destroyed = await deployment.destroy();
  expect(destroyed.length === desired.size, `destroy removed ${destroyed.length} of ${desired.size} resources`);
  for (const name of ['warehouse', 'sandboxWarehouse']) {
    const { status, body } = await emulator.request('GET', `/api/v1/connections/${ids[name]}`);
    expect(status === 404 || status === 410 || body?.connection?.deletedAt, `connection ${name} is still active in Omni after destroy`);
  }
  const { connectionEnvironments } = await emulator.expectOk('GET', '/api/v1/connection-environments', {}, 200);
  expect(!connectionEnvironments.some((e) => e.id === ids.sandboxEnvironment), 'the connection environment is still in Omni after destroy');
  expect((await emulator.request('GET', `/api/v1/connections/${ids.warehouse}/schedules/${ids.schemaRefresh}`)).status === 404,
    'the schedule is still in Omni after destroy');
  expect(((await emulator.expectOk('GET', `/api/v1/models?modelId=${ids.sharedModel}`, {}, 200)).records ?? []).length === 0,
    'the shared model is still active in Omni after destroy');
  const folders = (await emulator.expectOk('GET', '/api/v1/folders?pageSize=100', {}, 200)).records;
  expect(!folders.some((f) => [ids.root, ids.reports, ids.sandbox].includes(f.id)), 'a folder is still in Omni after destroy');
  for (const name of ['certified', 'draft']) {
    expect((await emulator.request('GET', `/api/v1/labels/${encodeURIComponent(desired.get(name).inputs.name)}`)).status === 404,
      `label ${name} is still in Omni after destroy`);
  }
  const attributes = await emulator.expectOk('GET', '/api/v1/user-attributes', {}, 200);
  expect(!(attributes.records ?? []).some((a) => a.name === ENVIRONMENT_ATTRIBUTE), 'the environment attribute is still in Omni after destroy');
  note(`verified: ${destroyed.length} resources removed from Omni (connections in its trash, the rest gone)`);
  return deployment;
}

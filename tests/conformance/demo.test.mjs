// `make demo` is part of the product: run it end to end and check that every step happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { rosterInputs } from './demo.mjs';
import { idOf } from './deployment.mjs';

const demo = fileURLToPath(new URL('./demo.mjs', import.meta.url));
const repoRoot = path.resolve(path.dirname(demo), '..', '..');

async function runDemo(args, env = process.env) {
  const child = spawn(process.execPath, [demo, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { out += c; });
  const code = await new Promise((resolve) => child.once('close', resolve));
  return { code, out };
}

test('the demo takes the roster through the whole cycle and exits 0', async () => {
  const { code, out } = await runDemo(['--mode=harness']);
  assert.equal(code, 0, `demo exited ${code}:\n${out}`);
  for (const step of ['1. preview', '2. up', '3. roster change', '4. out-of-band change', '5. out-of-band role change', '6. import', '7. destroy']) {
    assert.ok(out.includes(step), `step "${step}" printed`);
  }
  assert.match(out, /\+ omni:index:User alice \(alice@example\.com\) create/);
  // The access model: the seeded definitions the roster defines are removed first, then created before the users.
  assert.match(out, /DELETE the emulator's seeded attribute definitions region, department, level, regions \(outside Pulumi\)/);
  assert.match(out, /\+ omni:index:UserAttribute regions \(String\) create\n\+ omni:index:User alice/);
  assert.match(out, /\+ omni:index:UserModelRole alice-on-emulator-shared-model \(QUERIER\) create\n    userId: alice\n/);
  assert.match(out, /\+ omni:index:UserModelRole dan-on-connection-emulator-warehouse \(CONNECTION_ADMIN\) create/);
  assert.match(out, /\+ omni:index:GroupModelRole engineering-on-emulator-shared-model \(MODELER\) create\n    groupId: engineering\n/);
  assert.match(out, /Resources: 15 to create\n/);
  assert.match(out, /verified in the emulator: 4 attribute definitions and 4 model roles as the roster says/);
  // A role changed in the UI: drift on refresh, one update back.
  assert.match(out, /~ omni:index:UserModelRole alice-on-emulator-shared-model \(VIEWER\) changed outside Pulumi\n    ~ roleName: "QUERIER" => "VIEWER"/);
  assert.match(out, /Resources: 1 updated, 14 unchanged\n    verified in the emulator: alice-on-emulator-shared-model is QUERIER again/);
  assert.match(out, /\+ omni:index:Group engineering \(Engineering\) create\n    memberIds: \[bob, dan\]/);
  assert.match(out, /~ displayName: ".*" => ".*\(renamed in the UI\)"/);
  // The roster change: frank joins Engineering, carol (removed) leaves Finance Analysts.
  assert.match(out, /~ omni:index:Group engineering \(Engineering\) update\n    ~ memberIds: \[bob, dan\] => \[bob, dan, frank\]/);
  assert.match(out, /~ omni:index:Group finance-analysts \(Finance Analysts\) update\n    ~ memberIds: \[alice, carol\] => \[alice\]/);
  assert.match(out, /verified: preview passed engineering an unknown member id for frank/);
  // Refresh after alice was removed from Finance Analysts in the UI; the next up puts her back.
  assert.match(out, /~ omni:index:Group finance-analysts \(Finance Analysts\) changed outside Pulumi\n(?:    ~ .*\n)*    ~ memberIds: \[alice\] => \[\]/);
  assert.match(out, /~ memberIds: \[\] => \[alice\]/);
  assert.match(out, /verified in the emulator: 5 users and 2 groups \(with their members\) as the roster says/);
  // Destroy: roles, then both groups before any user, then the attribute definitions.
  const destroy = out.slice(out.indexOf('7. destroy'), out.indexOf('8. adopt'));
  const deletes = [...destroy.matchAll(/^- omni:index:(\w+) /gm)].map((m) => m[1]);
  assert.deepEqual(deletes, ['GroupModelRole', 'GroupModelRole', 'UserModelRole', 'UserModelRole', 'Group', 'Group',
    'User', 'User', 'User', 'User', 'User', 'User', 'UserAttribute', 'UserAttribute', 'UserAttribute', 'UserAttribute']);
  assert.match(out, /verified: 2 groups and 6 users removed from Omni/);
  assert.match(out, /verified: 4 roles restored \(.*dan-on-connection-emulator-warehouse → NO_ACCESS.*\) before their users and groups went, and 4 attribute definitions deleted/);
  // Adoption: a hand-made organisation exported by bin/omni-roster and adopted with no write.
  assert.ok(out.includes('8. adopt'), 'step "8. adopt" printed');
  assert.match(out, /made by hand through SCIM \(outside Pulumi\): (\d+) users .* and 3 groups/);
  assert.ok(Number(/made by hand through SCIM \(outside Pulumi\): (\d+) users/.exec(out)[1]) >= 50, 'at least 50 hand-made users');
  assert.match(out, /Resources: 54 to import\n/);
  assert.match(out, /verified: 54 resources adopted under their Omni ids; the emulator counted 0 write requests/);
  assert.match(out, /Resources: 54 unchanged\n/);
  assert.match(out, /Resources: 2 updated, 52 unchanged/);
  // The environment (examples/environment, demo-environment.mjs) after the roster.
  for (const step of ['9. environment: preview', '10. environment: up', '11. environment: rotate', '12. environment: a folder permission', '13. environment: destroy']) {
    assert.ok(out.includes(step), `step "${step}" printed`);
  }
  // Stored form (issue 16 item 8): no drift whether Omni stores true as "true" or as "yes".
  assert.match(out, /--bool-attributes true-false: up sent good_blob: true, Omni holds "true".*refresh: no change; preview: no changes/);
  assert.match(out, /--bool-attributes yes-no: up sent good_blob: true, Omni holds "yes".*refresh: no change; preview: no changes/);
});

// A stand-in for the pulumi CLI: records each call's arguments, working folder, Pulumi settings,
// the secret it was given on stdin and the roster the program would have read, then exits 0.
const FAKE_PULUMI = `#!/bin/sh
log="$FAKE_PULUMI_LOG"
printf 'argv' >> "$log"; for a in "$@"; do printf '\\t%s' "$a" >> "$log"; done; printf '\\n' >> "$log"
printf 'cwd\\t%s\\n' "$PWD" >> "$log"
printf 'env\\t%s\\t%s\\t%s\\t%s\\n' "$PULUMI_HOME" "$PULUMI_BACKEND_URL" "\${PULUMI_CONFIG_PASSPHRASE:-unset}" "\${PULUMI_ACCESS_TOKEN:-unset}" >> "$log"
if [ "$1" = config ] && [ "$3" = --secret ]; then printf 'stdin\\t%s\\n' "$(cat)" >> "$log"; fi
if [ -f users.yaml ]; then cp users.yaml "$log.$(grep -c '^argv' "$log").yaml"; cp Pulumi.yaml omni-roster.csproj "$(dirname "$log")"; fi
exit 0
`;

function parseCalls(log) {
  const calls = [];
  for (const line of log.split('\n').filter(Boolean)) {
    const [kind, ...fields] = line.split('\t');
    if (kind === 'argv') calls.push({ args: fields });
    else if (kind === 'cwd') calls.at(-1).cwd = fields[0];
    else if (kind === 'env') [calls.at(-1).home, calls.at(-1).backend, calls.at(-1).passphrase, calls.at(-1).accessToken] = fields;
    else if (kind === 'stdin') calls.at(-1).stdin = fields[0];
  }
  return calls;
}

const rosterNames = (yaml) => YAML.parse(yaml).users.map((u) => u.name);
const groupMembers = (yaml) => Object.fromEntries(YAML.parse(yaml).groups.map((g) => [g.name, g.members]));

test('with a pulumi CLI on PATH, --mode=auto runs the cycle with pulumi commands against a local backend', async (t) => {
  const fakeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-pulumi-'));
  t.after(() => fs.rm(fakeDir, { recursive: true, force: true }));
  await fs.writeFile(path.join(fakeDir, 'pulumi'), FAKE_PULUMI, { mode: 0o755 });
  const log = path.join(fakeDir, 'calls.log');
  await fs.writeFile(log, '');
  const env = { ...process.env, PATH: `${fakeDir}${path.delimiter}${process.env.PATH}`, FAKE_PULUMI_LOG: log,
    PULUMI_ACCESS_TOKEN: 'pul-must-not-reach-the-demo', PULUMI_HOME: path.join(os.homedir(), '.pulumi') };

  // --no-verify: the fake changes nothing in Omni, so the demo's emulator checks are reported, not run.
  const { code, out } = await runDemo(['--mode=auto', '--no-verify'], env);
  assert.equal(code, 0, `demo exited ${code}:\n${out}`);
  assert.match(out, /pulumi CLI on PATH: running a copy of examples\/gitops/);

  const calls = parseCalls(await fs.readFile(log, 'utf8'));
  assert.deepEqual(calls[0].args, ['version'], 'auto mode asks whether a pulumi CLI is there');
  const commands = calls.slice(1);
  const importCall = commands.find((c) => c.args[0] === 'import');
  assert.ok(importCall, 'pulumi import was called');
  const graceId = importCall.args[3];
  assert.match(graceId, /\S/, 'import names the id of the user created outside Pulumi');
  const baseUrl = commands[1]?.args[3] ?? '';
  assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/, 'omni:baseUrl is the emulator started by the demo');
  assert.deepEqual(commands.map((c) => c.args), [
    ['stack', 'init', 'dev'],
    ['config', 'set', 'omni:baseUrl', baseUrl],
    ['config', 'set', '--secret', 'omni:apiKey'],
    ['preview'],
    ['up', '--yes'],
    ['preview'],
    ['up', '--yes'],
    ['refresh', '--yes', '--diff'],
    ['up', '--yes'],
    ['import', 'omni:index:User', 'grace', graceId, '--yes', '--protect=false'],
    ['preview', '--expect-no-changes'],
    ['destroy', '--yes'],
    // Adoption: bin/omni-roster export wrote the roster with ids; preview shows imports, up adopts.
    ['preview'],
    ['up', '--yes'],
    ['preview', '--expect-no-changes'],
  ]);

  // The key goes on stdin (never in argv) and is the emulator's org key.
  const secretCall = commands[2];
  assert.match(secretCall.stdin ?? '', /^omni_org_key_[0-9a-f]{32}$/);
  assert.ok(commands.every((c) => !c.args.some((a) => a.includes(secretCall.stdin))), 'the key is in no command line');

  // One throwaway Pulumi world: temp PULUMI_HOME and file:// backend, a passphrase, no Cloud token.
  const workDir = path.dirname(commands[0].home);
  assert.ok(workDir.startsWith(os.tmpdir()), `PULUMI_HOME ${commands[0].home} is under the temp folder`);
  for (const c of commands) {
    assert.equal(c.home, path.join(workDir, 'pulumi-home'));
    assert.equal(c.backend, `file://${path.join(workDir, 'backend')}`);
    assert.notEqual(c.passphrase, 'unset', 'PULUMI_CONFIG_PASSPHRASE is set');
    assert.equal(c.accessToken, 'unset', "the user's PULUMI_ACCESS_TOKEN is not passed on");
    assert.equal(c.cwd, path.join(workDir, 'gitops'), 'every command runs in the copy of examples/gitops');
  }
  await assert.rejects(fs.access(workDir), 'the temporary folder is removed after a successful run');

  // The copy points at this repository's plugin and SDK.
  const pulumiYaml = await fs.readFile(path.join(fakeDir, 'Pulumi.yaml'), 'utf8');
  assert.match(pulumiYaml, new RegExp(`^\\s*path: ${path.join(repoRoot, 'bin').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
  const csproj = await fs.readFile(path.join(fakeDir, 'omni-roster.csproj'), 'utf8');
  assert.ok(csproj.includes(path.join(repoRoot, 'sdk', 'dotnet', 'Pulumi.Omni.csproj')), csproj);

  // The roster each command saw: the original, the change (frank in, carol out, bob renamed), then grace.
  const roster = async (call) => fs.readFile(`${log}.${calls.indexOf(call) + 1}.yaml`, 'utf8');
  const original = await roster(commands[3]);
  assert.deepEqual(rosterNames(original), ['alice', 'bob', 'carol', 'dan', 'erin']);
  assert.deepEqual(groupMembers(original), { 'finance-analysts': ['alice', 'carol'], engineering: ['bob', 'dan'] });
  const changed = await roster(commands[5]);
  assert.deepEqual(rosterNames(changed), ['alice', 'bob', 'dan', 'erin', 'frank']);
  assert.deepEqual(groupMembers(changed), { 'finance-analysts': ['alice'], engineering: ['bob', 'dan', 'frank'] });
  assert.match(changed, /displayName: Bob Okafor \(Platform team\)/);
  const withGrace = await roster(commands[10]);
  assert.deepEqual(rosterNames(withGrace), ['alice', 'bob', 'dan', 'erin', 'frank', 'grace']);
  assert.deepEqual(groupMembers(withGrace), groupMembers(changed));
  // The program adopts what omni-roster exported: every entry of that roster carries its Omni id.
  const exported = YAML.parse(await roster(commands[12]));
  assert.ok(exported.users.length >= 50 && exported.groups.length === 3, `exported ${exported.users.length} users, ${exported.groups.length} groups`);
  assert.ok([...exported.users, ...exported.groups].every((e) => typeof e.id === 'string' && e.id !== ''), 'every exported entry has its Omni id');
});

test('--mode=cli without a pulumi CLI fails and says how to get one or run without it', async (t) => {
  const emptyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'no-pulumi-'));
  t.after(() => fs.rm(emptyDir, { recursive: true, force: true }));
  const { code, out } = await runDemo(['--mode=cli'], { ...process.env, PATH: emptyDir });
  assert.equal(code, 1, out);
  assert.match(out, /--mode=cli needs the `pulumi` CLI on PATH.*--mode=harness runs without it/);
});

test('an unknown argument fails with the usage line', async () => {
  const { code, out } = await runDemo(['--mode=terraform']);
  assert.equal(code, 1, out);
  assert.match(out, /unknown argument "--mode=terraform"\nusage: .*--mode=auto\|cli\|harness/);
});

test('rosterInputs passes every User input the roster can set, as the gitops program does', () => {
  const roster = { users: [
    { name: 'ann', userName: 'ann@example.com', displayName: 'Ann', active: false, deletionMode: 'deactivate', adoptExisting: true, attributes: { level: 2 } },
    { name: 'ben', userName: 'ben@example.com', displayName: 'Ben' },
  ] };

  const inputs = rosterInputs(roster, 'users.yaml');

  assert.deepEqual(inputs.get('ann'), { type: 'omni:index:User', inputs: { userName: 'ann@example.com', displayName: 'Ann', attributes: { level: 2 }, active: false, deletionMode: 'deactivate', adoptExisting: true } });
  assert.deepEqual(inputs.get('ben'), { type: 'omni:index:User', inputs: { userName: 'ben@example.com', displayName: 'Ben' } });
  assert.throws(() => rosterInputs({ users: [{ name: 'x', userName: 'x@example.com' }] }, 'users.yaml'), /users\[0\] needs a string "displayName"/);
});

test('rosterInputs makes a Group per group whose memberIds refer to its users, and names an unknown member', () => {
  const users = [{ name: 'ann', userName: 'ann@example.com', displayName: 'Ann' }, { name: 'ben', userName: 'ben@example.com', displayName: 'Ben' }];
  const roster = { users, groups: [
    { name: 'team', displayName: 'Team', members: ['ben', 'ann'] },
    { name: 'open', displayName: 'Open' },
  ] };

  const inputs = rosterInputs(roster, 'users.yaml');

  assert.deepEqual(inputs.get('team'), { type: 'omni:index:Group', inputs: { displayName: 'Team', memberIds: [idOf('ben'), idOf('ann')] } });
  assert.deepEqual(inputs.get('open'), { type: 'omni:index:Group', inputs: { displayName: 'Open' } }, 'no members: membership left to Omni');
  assert.throws(() => rosterInputs({ users, groups: [{ name: 'team', displayName: 'Team', members: ['ann', 'zoe'] }] }, 'users.yaml'),
    /users\.yaml: groups\[0\] \(team\): member "zoe" is not a user in the roster/);
  assert.throws(() => rosterInputs({ users, groups: [{ name: 'ann', displayName: 'Ann' }] }, 'users.yaml'),
    /groups\[0\]: the name "ann" is used twice/);
});

// The access model (demo-access.mjs): the emulator's seed as getModels / getConnections list it.
const catalog = {
  models: [{ id: 'm-schema', name: 'Emulator Warehouse', modelKind: 'SCHEMA' }, { id: 'm-shared', name: 'Emulator Shared Model', modelKind: 'SHARED' }],
  connections: [{ id: 'c-1', name: 'Emulator Warehouse' }],
};

test('rosterInputs makes a UserAttribute per definition and orders each user after the definitions it uses', () => {
  const roster = {
    attributes: [{ name: 'region', label: 'Region', type: 'String' }, { name: 'regions', type: 'String', multipleValues: true, defaultValue: ['us'] }],
    users: [
      { name: 'ann', userName: 'ann@example.com', displayName: 'Ann', attributes: { region: 'eu', regions: ['eu', 'us'] } },
      { name: 'ben', userName: 'ben@example.com', displayName: 'Ben' },
    ],
  };

  const inputs = rosterInputs(roster, 'users.yaml');

  assert.deepEqual([...inputs.keys()], ['region', 'regions', 'ann', 'ben'], 'definitions first');
  assert.deepEqual(inputs.get('region'), { type: 'omni:index:UserAttribute', inputs: { name: 'region', type: 'String', label: 'Region' } });
  assert.deepEqual(inputs.get('regions').inputs, { name: 'regions', type: 'String', multipleValues: true, defaultValue: ['us'] });
  assert.deepEqual(inputs.get('ann').dependsOn, ['region', 'regions']);
  assert.equal(inputs.get('ben').dependsOn, undefined, 'no attributes, no dependency');
  // Without an `attributes:` list (as omni-roster export writes), keys are Omni's business.
  assert.equal(rosterInputs({ users: [{ name: 'x', userName: 'x@example.com', displayName: 'X', attributes: { anything: 1 } }] }, 'users.yaml').get('x').dependsOn, undefined);
});

test('rosterInputs names a malformed definition or a user key no definition declares, and the fix', () => {
  const users = (attributes) => [{ name: 'ann', userName: 'ann@example.com', displayName: 'Ann', attributes }];
  const rejects = (roster, message) => assert.throws(() => rosterInputs(roster, 'users.yaml'), message);
  rejects({ attributes: [{ name: 'region', type: 'String' }], users: users({ regoin: 'eu' }) },
    /users\.yaml: users\[0\] \(ann\): attribute "regoin" is not defined in "attributes:"; add a definition \(\{ name: regoin, type: String \}\) or fix the key \(defined: region\)/);
  rejects({ attributes: [{ name: 'region', type: 'String' }], users: users({ region: ['eu', 'us'] }) },
    /users\[0\] \(ann\): attribute "region" holds a list, but its definition is single-valued; give one value or set multipleValues: true/);
  rejects({ attributes: [{ name: 'region', type: 'Text' }], users: [] }, /attributes\[0\] \(region\): "type" must be String or Number, got "Text"/);
  rejects({ attributes: [{ name: 'omni_tier', type: 'Number' }], users: [] }, /attributes\[0\] \(omni_tier\): "name" omni_tier starts with omni_/);
  rejects({ attributes: [{ name: 'sales region', type: 'String' }], users: [] }, /"name" must be a reference name \(letters, digits and underscores/);
  rejects({ attributes: [{ name: 'a', type: 'String' }, { name: 'A', type: 'String' }], users: [] }, /attributes\[1\] \(A\): attribute "A" is defined twice/);
  rejects({ attributes: [{ name: 'a', type: 'String', colour: 'red' }], users: [] }, /attributes\[0\] \(a\): unknown field "colour"/);
  rejects({ attributes: [{ name: 'a', type: 'String', id: 'x y' }], users: [] }, /attributes\[0\] \(a\): "id" must be Omni's id of the existing definition \(no spaces\), got "x y"; remove "id"/);
  // An `id` is the import option, as RosterProgram.cs passes it.
  assert.deepEqual(rosterInputs({ attributes: [{ name: 'a', type: 'String', id: '7' }], users: [] }, 'users.yaml').get('a'),
    { type: 'omni:index:UserAttribute', inputs: { name: 'a', type: 'String' }, importId: '7' });
});

test('rosterInputs makes a role resource per role, on the model or connection the catalog has by that name or id', () => {
  const roster = {
    users: [{ name: 'ann', userName: 'ann@example.com', displayName: 'Ann', roles: [
      { model: 'emulator shared model', role: 'querier' },
      { connection: 'c-1', role: 'CONNECTION_ADMIN' },
    ] }],
    groups: [{ name: 'team', displayName: 'Team', roles: [{ model: 'm-schema', role: 'VIEWER' }] }],
  };

  const inputs = rosterInputs(roster, 'users.yaml', catalog);

  assert.deepEqual(inputs.get('ann-on-emulator-shared-model'),
    { type: 'omni:index:UserModelRole', inputs: { userId: idOf('ann'), modelId: 'm-shared', roleName: 'querier' } });
  assert.deepEqual(inputs.get('ann-on-connection-c-1'),
    { type: 'omni:index:UserModelRole', inputs: { userId: idOf('ann'), connectionId: 'c-1', roleName: 'CONNECTION_ADMIN' } });
  assert.deepEqual(inputs.get('team-on-m-schema'), { type: 'omni:index:GroupModelRole', inputs: { groupId: idOf('team'), modelId: 'm-schema', roleName: 'VIEWER' } });
  assert.deepEqual([...inputs.keys()].slice(-3), ['ann-on-emulator-shared-model', 'ann-on-connection-c-1', 'team-on-m-schema'], 'roles after users and groups');
});

test('rosterInputs names a role of the wrong shape or on an unknown model, and the fix', () => {
  const withRoles = (roles) => ({ users: [{ name: 'ann', userName: 'ann@example.com', displayName: 'Ann', roles }] });
  const rejects = (roles, message) => assert.throws(() => rosterInputs(withRoles(roles), 'users.yaml', catalog), message);
  rejects([{ role: 'VIEWER' }], /users\.yaml: users\[0\] \(ann\): roles\[0\]: set exactly one of "model" \(a model's name or id\) and "connection" \(a connection's name or id\)/);
  rejects([{ model: 'Emulator Shared Model', connection: 'c-1', role: 'VIEWER' }], /roles\[0\]: set exactly one of "model"/);
  rejects([{ model: 'Emulator Shared Model' }], /roles\[0\]: "role" is required: use one of NO_ACCESS, VIEWER, .* or the name of a custom role defined in Omni/);
  rejects([{ model: 'Emulator Shared Model', role: 'read only' }], /roles\[0\]: "role" "read only" is not a role name/);
  rejects([{ connection: 'Emulator Warehouse', role: 'VIEWER' }], /roles\[0\]: a role on a whole connection must be CONNECTION_ADMIN \(or a custom role based on it\), got VIEWER; for VIEWER, name a model instead/);
  rejects(['VIEWER'], /roles\[0\]: each role is \{ model: <model name or id>, role: <role> \} or \{ connection: <connection name or id>, role: <role> \}/);
  rejects([{ model: 'Emulator Shared Model', role: 'VIEWER' }, { model: 'emulator shared model', role: 'QUERIER' }], /roles\[1\]: model "emulator shared model" is listed twice; one role per user and model/);
  rejects([{ model: 'Sales', role: 'VIEWER' }],
    /users\[0\] \(ann\): roles\[0\]: no model named "Sales" in Omni; use a model's exact name or its id \(models: Emulator Warehouse, Emulator Shared Model\)/);
  rejects([{ connection: 'Lake', role: 'CONNECTION_ADMIN' }], /roles\[0\]: no connection named "Lake" in Omni/);
  const twins = { models: [{ id: 'a', name: 'Ops' }, { id: 'b', name: 'ops' }], connections: [] };
  assert.throws(() => rosterInputs(withRoles([{ model: 'Ops', role: 'VIEWER' }]), 'users.yaml', twins), /model "Ops" names 2 models in Omni \(ids a, b\); use the id of the one you mean/);
});

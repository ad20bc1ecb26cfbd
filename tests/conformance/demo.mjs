#!/usr/bin/env node
// `make demo`: the gitops roster through a full cycle against a fresh emulator: preview, up, a
// roster change and up, an out-of-band rename and a refresh that shows it, an import of a user made
// outside Pulumi, destroy. Two ways to run it (--mode=auto picks the first that can):
//   cli      the `pulumi` CLI on PATH runs a copy of examples/gitops with a local backend in a
//            temporary folder; every command must exit 0;
//   harness  no CLI needed: the plugin is driven the way the engine drives it, through Pulumi's own
//            gRPC client (harness.mjs), with the state kept in .demo/.
// Every step is checked against the emulator; any surprise fails the demo with a non-zero exit.
import fs from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { startEmulator, startStack, repoRoot, reveal } from './harness.mjs';
import { Deployment, DeploymentError, show } from './deployment.mjs';

const rosterPath = process.env.OMNI_DEMO_ROSTER ?? path.join(repoRoot, 'examples', 'gitops', 'users.yaml');
const demoDir = path.join(repoRoot, '.demo');
const shown = (file) => (file.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, file) : file);

let stepNumber = 0;
const header = (title) => console.log(`\n━━━ ${++stepNumber}. ${title} ${'━'.repeat(Math.max(3, 76 - title.length))}`);
const note = (text) => console.log(`    ${text}`);

class DemoFailure extends Error {}
function expect(condition, message) {
  if (!condition) throw new DemoFailure(message);
}

/** The roster file → resource name → User inputs, with a clear error for a malformed entry. */
export function rosterInputs(roster, source) {
  if (!Array.isArray(roster?.users)) throw new DemoFailure(`${source}: expected a top-level "users:" list`);
  const desired = new Map();
  roster.users.forEach((u, i) => {
    for (const field of ['name', 'userName', 'displayName']) {
      if (typeof u?.[field] !== 'string' || u[field] === '') {
        throw new DemoFailure(`${source}: users[${i}] needs a string "${field}"`);
      }
    }
    if (desired.has(u.name)) throw new DemoFailure(`${source}: users[${i}]: the name "${u.name}" is used twice`);
    const inputs = { userName: u.userName, displayName: u.displayName };
    if (u.attributes !== undefined) inputs.attributes = u.attributes;
    if (u.active !== undefined) inputs.active = u.active;
    if (u.deletionMode !== undefined) inputs.deletionMode = u.deletionMode;
    if (u.adoptExisting !== undefined) inputs.adoptExisting = u.adoptExisting;
    desired.set(u.name, inputs);
  });
  return desired;
}

const lower = (s) => s.toLowerCase();

/** Checks the emulator holds exactly what the state says (the proof that `up` really happened). */
async function verifyInOmni(emulator, deployment, desired) {
  for (const [name, inputs] of desired) {
    const entry = deployment.resources.get(name);
    expect(entry?.id, `${name} has no id in the state`);
    const user = await emulator.getUser(entry.id);
    expect(user, `${name} (${entry.id}) is not in Omni`);
    expect(lower(user.userName) === lower(inputs.userName), `${name}: Omni has userName ${user.userName}, the roster ${inputs.userName}`);
    expect(user.displayName === inputs.displayName, `${name}: Omni has displayName ${show(user.displayName)}, the roster ${show(inputs.displayName)}`);
    expect(user.active === (inputs.active ?? true), `${name}: Omni has active=${user.active}, the roster ${inputs.active ?? true}`);
  }
  note(`verified in the emulator: ${desired.size} users as the roster says`);
}

function changeRoster(roster) {
  expect(roster.users.length >= 3, 'the demo roster needs at least three users');
  const changed = structuredClone(roster);
  const renamed = changed.users[1];
  const removed = changed.users[2];
  const oldDisplayName = renamed.displayName;
  renamed.displayName = `${oldDisplayName} (Platform team)`;
  changed.users.splice(2, 1);
  const added = { name: 'frank', userName: 'frank@example.com', displayName: 'Frank Ito', attributes: { department: 'Engineering', level: 2 } };
  changed.users.push(added);
  note(`roster change: add ${added.name}, rename ${renamed.name} (${show(oldDisplayName)} → ${show(renamed.displayName)}), remove ${removed.name}`);
  return { changed, renamed, removed, added };
}

// Schema defaults are left out of generated code, as `pulumi import` does.
const DEFAULTS = { active: true, deletionMode: 'delete', adoptExisting: false };

function importSnippets(name, inputs) {
  const order = ['userName', 'displayName', 'active', 'attributes', 'deletionMode', 'adoptExisting'];
  const declared = Object.fromEntries(Object.entries(inputs)
    .filter(([k, v]) => DEFAULTS[k] !== v)
    .sort(([a], [b]) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0)));
  const yaml = YAML.stringify({ users: [{ name, ...declared }] }).trimEnd();
  const csValue = (v) => (Array.isArray(v) ? `new[] { ${v.map((x) => JSON.stringify(x)).join(', ')} }` : JSON.stringify(v));
  const lines = [`var ${name} = new User("${name}", new UserArgs`, '{'];
  for (const [k, v] of Object.entries(declared)) {
    const property = k[0].toUpperCase() + k.slice(1);
    if (k !== 'attributes') { lines.push(`    ${property} = ${csValue(v)},`); continue; }
    lines.push('    Attributes =', '    {');
    for (const [ak, av] of Object.entries(v)) lines.push(`        { ${JSON.stringify(ak)}, ${csValue(av)} },`);
    lines.push('    },');
  }
  lines.push('});');
  return { yaml, csharp: lines.join('\n') };
}

async function runHarness(emulator, stack) {
  const started = Date.now();
  const deployment = new Deployment({ plugin: stack.plugin, statePath: path.join(demoDir, 'state.json') });
  const roster = YAML.parse(await fs.readFile(rosterPath, 'utf8'));
  const desired = rosterInputs(roster, shown(rosterPath));
  const postRoute = 'POST /api/scim/v2/users';

  header(`preview: ${shown(rosterPath)} against an empty organisation`);
  const postsBefore = await emulator.countOf(postRoute);
  const previewSteps = await deployment.preview(desired);
  expect(previewSteps.every((s) => s.op === 'create'), 'a first preview must only create');
  expect(await emulator.countOf(postRoute) === postsBefore, 'preview sent a POST to Omni');
  note('verified: preview sent nothing to Omni');

  header('up: create the roster');
  await deployment.up(desired);
  await verifyInOmni(emulator, deployment, desired);

  header('roster change (pull request): preview, then up');
  const { changed, renamed, removed } = changeRoster(roster);
  const changedDesired = rosterInputs(changed, 'changed roster');
  const planned = await deployment.preview(changedDesired);
  const ops = Object.fromEntries(planned.map((s) => [s.name, s.op]));
  expect(ops.frank === 'create' && ops[renamed.name] === 'update' && ops[removed.name] === 'delete',
    `unexpected plan for the roster change: ${JSON.stringify(ops)}`);
  console.log('  applying:');
  const removedId = deployment.resources.get(removed.name).id;
  await deployment.up(changedDesired);
  await verifyInOmni(emulator, deployment, changedDesired);
  expect(await emulator.getUser(removedId) === null, `${removed.name} is still in Omni after its removal`);
  note(`verified: ${removed.name} is gone from Omni`);

  header('out-of-band change: someone renames a user in the Omni UI, then refresh');
  const target = changed.users[0];
  const targetId = deployment.resources.get(target.name).id;
  const uiName = `${target.displayName} (renamed in the UI)`;
  await emulator.renameUser(targetId, uiName);
  note(`PATCH /api/scim/v2/users/${targetId} displayName → ${show(uiName)} (outside Pulumi)`);
  console.log('  pulumi refresh:');
  const drift = await deployment.refresh();
  expect(drift.some((d) => d.name === target.name && d.property === 'displayName' && reveal(d.after) === uiName),
    `refresh did not report the rename of ${target.name}: ${JSON.stringify(drift)}`);
  console.log('  pulumi preview (the roster still says otherwise):');
  const restore = await deployment.preview(changedDesired);
  expect(restore.find((s) => s.name === target.name)?.op === 'update', 'the next preview should update the renamed user back');
  console.log('  pulumi up:');
  await deployment.up(changedDesired);
  await verifyInOmni(emulator, deployment, changedDesired);

  header('import: a user created in the Omni UI is brought under Pulumi');
  const grace = await emulator.createUser({ userName: 'grace@example.com', displayName: 'Grace Hopper',
    attributes: { department: 'Research', level: 5, regions: ['us', 'eu'] } });
  note(`POST /api/scim/v2/users grace@example.com (outside Pulumi) → id ${grace.id}`);
  console.log(`  pulumi import ${'omni:index:User'} grace ${grace.id}`);
  const imported = await deployment.import('grace', grace.id);
  expect(imported.id === grace.id, `import returned id ${imported.id}, expected ${grace.id}`);
  const importedInputs = reveal(imported.inputs);
  expect(importedInputs.displayName === 'Grace Hopper' && importedInputs.attributes?.department === 'Research',
    `imported inputs are incomplete: ${JSON.stringify(importedInputs)}`);
  const { yaml, csharp } = importSnippets('grace', importedInputs);
  console.log('  add to the roster (examples/gitops/users.yaml):');
  console.log(yaml.replace(/^/gm, '    '));
  console.log('  or, in a C# program:');
  console.log(csharp.replace(/^/gm, '    '));
  const withGrace = new Map([...changedDesired, ['grace', importedInputs]]);
  const afterImport = await deployment.plan(withGrace);
  expect(afterImport.every((s) => s.op === 'same'), `the roster with the imported entry should show no changes, got ${JSON.stringify(afterImport.map((s) => [s.name, s.op]))}`);
  note('verified: with that entry in the roster, preview shows no changes');

  header('destroy');
  const destroyed = await deployment.destroy();
  for (const r of destroyed) {
    const user = await emulator.getUser(r.id);
    const mode = reveal(r.inputs).deletionMode ?? 'delete';
    expect(mode === 'deactivate' ? user?.active === false : user === null, `${r.name} (${r.id}) is still in Omni after destroy`);
  }
  note(`verified: ${destroyed.length} users removed from Omni`);

  const total = (await emulator.counters()).total;
  console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s; the emulator answered ${total} requests.`);
}


// ---- CLI mode -----------------------------------------------------------------------------------

const MODES = ['auto', 'cli', 'harness'];
const USAGE = `usage: node tests/conformance/demo.mjs [--mode=${MODES.join('|')}] [--no-verify]`;

/** --mode=auto|cli|harness (default auto) and --no-verify; anything else is a usage error. */
export function parseArgs(argv) {
  const options = { mode: 'auto', verify: true };
  for (const arg of argv) {
    const mode = /^--mode=(.*)$/.exec(arg)?.[1];
    if (mode !== undefined && MODES.includes(mode)) options.mode = mode;
    else if (arg === '--no-verify') options.verify = false;
    else throw new DemoFailure(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  return options;
}

/**
 * A throwaway Pulumi world: its own PULUMI_HOME, a file:// backend and a passphrase, so the demo
 * never touches the user's ~/.pulumi, their Pulumi Cloud login or their Omni settings.
 */
function pulumiEnvironment(workDir) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('PULUMI_') || k.startsWith('OMNI_')) delete env[k];
  return {
    ...env,
    PULUMI_HOME: path.join(workDir, 'pulumi-home'),
    PULUMI_BACKEND_URL: `file://${path.join(workDir, 'backend')}`,
    PULUMI_CONFIG_PASSPHRASE: 'omni-demo',
    PULUMI_SKIP_UPDATE_CHECK: 'true',
  };
}

/**
 * Copies examples/gitops (without build output) and points what was relative to the repository
 * at it: the plugin folder in Pulumi.yaml, the SDK project reference, and the examples' shared
 * Directory.*.props that the program's build needs.
 */
async function copyGitopsExample(workDir) {
  const source = path.join(repoRoot, 'examples', 'gitops');
  const project = path.join(workDir, 'gitops');
  await fs.cp(source, project, { recursive: true, filter: (f) => !/[\\/](bin|obj)$/.test(f) });
  for (const props of ['Directory.Build.props', 'Directory.Packages.props']) {
    await fs.copyFile(path.join(repoRoot, 'examples', props), path.join(workDir, props));
  }
  const pulumiYaml = path.join(project, 'Pulumi.yaml');
  const yaml = await fs.readFile(pulumiYaml, 'utf8');
  expect(/^\s*path: \.\.\/\.\.\/bin\s*$/m.test(yaml), 'examples/gitops/Pulumi.yaml no longer points plugins.providers at ../../bin');
  await fs.writeFile(pulumiYaml, yaml.replace(/^(\s*path: )\.\.\/\.\.\/bin\s*$/m, `$1${path.join(repoRoot, 'bin')}`));
  const csproj = path.join(project, 'omni-roster.csproj');
  const reference = '../../sdk/dotnet/Pulumi.Omni.csproj';
  const text = await fs.readFile(csproj, 'utf8');
  expect(text.includes(reference), `examples/gitops/omni-roster.csproj no longer references ${reference}`);
  await fs.writeFile(csproj, text.replace(reference, path.join(repoRoot, 'sdk', 'dotnet', 'Pulumi.Omni.csproj')));
  return project;
}

/** Runs one pulumi command with its output on ours; a non-zero exit fails the demo. */
function pulumi(args, { cwd, env, stdin }) {
  console.log(`  $ pulumi ${args.join(' ')}${stdin === undefined ? '' : '   (value on stdin)'}`);
  return new Promise((resolve, reject) => {
    const child = spawn('pulumi', args, { cwd, env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'] });
    child.once('error', (e) => reject(new DemoFailure(`pulumi ${args[0]} could not start: ${e.message}`)));
    child.once('close', (code, signal) => (code === 0 ? resolve()
      : reject(new DemoFailure(`\`pulumi ${args.join(' ')}\` exited ${code ?? signal}`))));
    // A pulumi that exits without reading stdin closes the pipe (EPIPE); its exit code is what counts.
    if (stdin !== undefined) child.stdin.on('error', () => {}).end(stdin);
  });
}

async function runCli(emulator, { verify }) {
  const started = Date.now();
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-demo-'));
  let ok = false;
  try {
    const project = await copyGitopsExample(workDir);
    const run = (args, extra = {}) => pulumi(args, { cwd: project, env: pulumiEnvironment(workDir), ...extra });
    const rosterFile = path.join(project, 'users.yaml');
    const roster = YAML.parse(await fs.readFile(rosterFile, 'utf8'));
    const desired = rosterInputs(roster, 'examples/gitops/users.yaml');
    note(`project copied to ${project}; local backend, PULUMI_HOME and state under ${workDir}`);
    const check = async (what, assertion) => {
      if (!verify) return note(`not checked in the emulator (--no-verify): ${what}`);
      await assertion();
      note(`verified in the emulator: ${what}`);
    };
    const findUser = async (userName) => (await emulator.findUsers(userName))[0] ?? null;
    const expectRoster = (wanted) => check(`${wanted.size} users as the roster says`, async () => {
      for (const [name, inputs] of wanted) {
        const user = await findUser(inputs.userName);
        expect(user, `${name} (${inputs.userName}) is not in Omni after pulumi up`);
        expect(user.displayName === inputs.displayName, `${name}: Omni has displayName ${show(user.displayName)}, the roster ${show(inputs.displayName)}`);
        expect(user.active === (inputs.active ?? true), `${name}: Omni has active=${user.active}, the roster ${inputs.active ?? true}`);
      }
    });

    header('stack: a local backend, the emulator\'s URL and key in the stack config');
    await run(['stack', 'init', 'dev']);
    await run(['config', 'set', 'omni:baseUrl', emulator.baseUrl]);
    // On stdin, so that the key is in no process list; Pulumi stores it encrypted.
    await run(['config', 'set', '--secret', 'omni:apiKey'], { stdin: emulator.apiKey });

    header('preview: examples/gitops/users.yaml against an empty organisation');
    const postRoute = 'POST /api/scim/v2/users';
    const postsBefore = await emulator.countOf(postRoute);
    await run(['preview']);
    expect(await emulator.countOf(postRoute) === postsBefore, 'pulumi preview sent a POST to Omni');
    note('verified: preview sent nothing to Omni');

    header('up: create the roster');
    await run(['up', '--yes']);
    await expectRoster(desired);

    header('roster change (pull request): preview, then up');
    const { changed, renamed, removed } = changeRoster(roster);
    await fs.writeFile(rosterFile, YAML.stringify(changed));
    await run(['preview']);
    await run(['up', '--yes']);
    const changedDesired = rosterInputs(changed, 'changed roster');
    await expectRoster(changedDesired);
    await check(`${removed.name} is gone`, async () => {
      const left = await findUser(removed.userName);
      expect(removed.deletionMode === 'deactivate' ? left?.active === false : left === null, `${removed.name} is still in Omni after its removal`);
    });

    header('out-of-band change: someone renames a user in the Omni UI, then refresh');
    const target = changed.users[0];
    const uiName = `${target.displayName} (renamed in the UI)`;
    const targetUser = await findUser(target.userName);
    if (targetUser) {
      await emulator.renameUser(targetUser.id, uiName);
      note(`PATCH /api/scim/v2/users/${targetUser.id} displayName → ${show(uiName)} (outside Pulumi)`);
    } else {
      expect(!verify, `${target.userName} is not in Omni, so there is nothing to rename`);
      note(`${target.userName} is not in Omni (--no-verify): nothing renamed`);
    }
    await run(['refresh', '--yes', '--diff']);
    await check(`the refresh left ${target.name} as the UI set it`, async () => {
      expect((await findUser(target.userName))?.displayName === uiName, 'refresh must not write to Omni');
    });
    console.log('  the roster still says otherwise, so up puts it back:');
    await run(['up', '--yes']);
    await expectRoster(changedDesired);

    header('import: a user created in the Omni UI is brought under Pulumi');
    const graceEntry = { name: 'grace', userName: 'grace@example.com', displayName: 'Grace Hopper',
      attributes: { department: 'Research', level: 5, regions: ['us', 'eu'] } };
    const grace = await emulator.createUser(graceEntry);
    note(`POST /api/scim/v2/users ${graceEntry.userName} (outside Pulumi) → id ${grace.id}`);
    // Imported resources are protected by default; the demo destroys everything at the end.
    await run(['import', 'omni:index:User', graceEntry.name, grace.id, '--yes', '--protect=false']);
    changed.users.push(graceEntry);
    await fs.writeFile(rosterFile, YAML.stringify(changed));
    note(`added ${graceEntry.name} to users.yaml as Omni holds them; the next preview must show no changes`);
    await run(['preview', '--expect-no-changes']);

    header('destroy');
    await run(['destroy', '--yes']);
    await check(`${changed.users.length} users removed`, async () => {
      for (const u of changed.users) {
        const left = await findUser(u.userName);
        expect(u.deletionMode === 'deactivate' ? left?.active === false : left === null, `${u.name} is still in Omni after destroy`);
      }
    });

    const total = (await emulator.counters()).total;
    console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s; the emulator answered ${total} requests.`);
    ok = true;
  } finally {
    if (ok) await fs.rm(workDir, { recursive: true, force: true });
    else console.error(`  the project copy, its stack and the local backend are kept in ${workDir}`);
  }
}

function pulumiOnPath() {
  try {
    execFileSync('pulumi', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function chooseMode(requested) {
  const onPath = pulumiOnPath();
  if (requested === 'cli' && !onPath) {
    throw new DemoFailure('--mode=cli needs the `pulumi` CLI on PATH (https://www.pulumi.com/docs/install/); --mode=harness runs without it');
  }
  const mode = requested === 'auto' ? (onPath ? 'cli' : 'harness') : requested;
  note(mode === 'cli'
    ? 'pulumi CLI on PATH: running a copy of examples/gitops with `pulumi` and a local backend'
    : `${onPath ? 'harness mode requested' : 'no pulumi CLI on PATH'}: driving bin/pulumi-resource-omni through Pulumi's own gRPC client`);
  return mode;
}

async function main() {
  console.log('pulumi-resource-omni demo: the gitops roster through a full cycle');

  let emulator;
  let stack;
  const stopAll = async () => {
    await stack?.close();
    await emulator?.stop();
  };
  process.once('SIGINT', () => { stopAll().finally(() => process.exit(130)); });
  try {
    const options = parseArgs(process.argv.slice(2));
    const mode = chooseMode(options.mode);
    await fs.rm(demoDir, { recursive: true, force: true });
    await fs.mkdir(demoDir, { recursive: true });
    emulator = await startEmulator({ dataDir: path.join(demoDir, 'emulator') });
    if (mode === 'cli') {
      note(`emulator at ${emulator.baseUrl} (data in .demo/emulator)`);
      await runCli(emulator, options);
      return;
    }
    note(`emulator at ${emulator.baseUrl} (data in .demo/emulator, state in .demo/state.json)`);
    stack = await startStack({ emulator });
    note(`plugin ${(await stack.plugin.getPluginInfo()).version} on port ${stack.plugin.port}, configured for the emulator`);
    await runHarness(emulator, stack);
  } catch (err) {
    console.error(`\nDEMO FAILED${stepNumber ? ` in step ${stepNumber}` : ''}: ${err.details ?? err.message}`);
    if (err.rpc) console.error(`  (gRPC ${err.rpc}, code ${err.code}${err.initFailure ? `, partial failure for id ${err.initFailure.id}` : ''})`);
    if (!(err instanceof DemoFailure) && !(err instanceof DeploymentError) && !err.rpc) console.error(err.stack);
    // The plugin's warnings and errors (ASP.NET's "warn:", "fail:" and "crit:" lines), not its request noise.
    const problems = (stack?.plugin?.stderr ?? '').split('\n').filter((l) => /^(warn|fail|crit):/.test(l)).slice(-10);
    if (problems.length) console.error(`  the plugin's last warnings and errors:\n${problems.map((l) => `    ${l}`).join('\n')}`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

// Run as a script (make demo); imported by the tests for its helpers.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

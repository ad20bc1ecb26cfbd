#!/usr/bin/env node
// `make demo`: the gitops roster through a full cycle against a fresh emulator: preview, up, a
// roster change and up, an out-of-band rename and a refresh that shows it, an import of a user made
// outside Pulumi, destroy. There is no `pulumi` CLI here, so the plugin is driven the way the engine
// drives it, through Pulumi's own gRPC client (harness.mjs), and the state is kept in .demo/.
// Every step is checked against the emulator; any surprise fails the demo with a non-zero exit.
import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
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

async function run(emulator, stack) {
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

function pulumiOnPath() {
  try {
    execFileSync('pulumi', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main() {
  console.log('pulumi-resource-omni demo: the gitops roster through a full cycle');
  // The CLI mode (a local backend) is not implemented: the harness mode below exercises the same
  // plugin binary with the same RPCs, and is the one that can run and be tested here.
  note(pulumiOnPath()
    ? 'a pulumi CLI is on PATH; this demo still drives the plugin directly (see examples/gitops for the CLI walkthrough)'
    : 'no pulumi CLI on PATH: driving bin/pulumi-resource-omni through Pulumi\'s own gRPC client');

  await fs.rm(demoDir, { recursive: true, force: true });
  await fs.mkdir(demoDir, { recursive: true });
  let emulator;
  let stack;
  const stopAll = async () => {
    await stack?.close();
    await emulator?.stop();
  };
  process.once('SIGINT', () => { stopAll().finally(() => process.exit(130)); });
  try {
    emulator = await startEmulator({ dataDir: path.join(demoDir, 'emulator') });
    note(`emulator at ${emulator.baseUrl} (data in .demo/emulator, state in .demo/state.json)`);
    stack = await startStack({ emulator });
    note(`plugin ${(await stack.plugin.getPluginInfo()).version} on port ${stack.plugin.port}, configured for the emulator`);
    await run(emulator, stack);
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

await main();

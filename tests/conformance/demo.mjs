#!/usr/bin/env node
// `make demo`: the gitops roster (users and groups) through a full cycle against a fresh emulator:
// preview, up, a roster change and up (a user in, one out, a group's members with them), an
// out-of-band rename and group member removal and a refresh that shows them, an import of a user
// made outside Pulumi, destroy (groups first). Two ways to run it (--mode=auto picks the first that can):
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
import { startEmulator, startStack, repoRoot, reveal, isUnknown, PATCH_OP, USER_TYPE, DiffKind } from './harness.mjs';
import { Deployment, DeploymentError, GROUP_TYPE, idOf, show } from './deployment.mjs';
import { handMadeOrganisation, runRosterExport, writesBetween } from './adoption.mjs';
import * as access from './demo-access.mjs';
import { runEnvironmentDemo } from './demo-environment.mjs';
import { demoEmulatorArgs, storedFormStep } from './demo-stored-form.mjs';

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

/**
 * The roster file → resource name → { type, inputs }: a UserAttribute per `attributes:` definition, a
 * User per user (after the definitions it uses), a Group per group whose memberIds refer to its
 * members' users (`idOf`), and a UserModelRole / GroupModelRole per role, its model or connection found
 * in `catalog` (demo-access.mjs), with a clear error for a malformed entry.
 */
export function rosterInputs(roster, source, catalog) {
  if (!Array.isArray(roster?.users)) throw new DemoFailure(`${source}: expected a top-level "users:" list`);
  const fail = (message) => { throw new DemoFailure(message); };
  const definitions = access.attributeDefinitions(roster, source, fail);
  // One namespace in the demo's state (a stand-in engine keyed by name): definitions by their name.
  const desired = new Map(definitions ?? []);
  const roles = [];
  const requireStrings = (entry, at, fields) => {
    for (const field of fields) {
      if (typeof entry?.[field] !== 'string' || entry[field] === '') throw new DemoFailure(`${source}: ${at} needs a string "${field}"`);
    }
    if (desired.has(entry.name)) throw new DemoFailure(`${source}: ${at}: the name "${entry.name}" is used twice (names are unique across users and groups)`);
  };
  roster.users.forEach((u, i) => {
    requireStrings(u, `users[${i}]`, ['name', 'userName', 'displayName']);
    const inputs = { userName: u.userName, displayName: u.displayName };
    if (u.attributes !== undefined) inputs.attributes = u.attributes;
    if (u.active !== undefined) inputs.active = u.active;
    if (u.deletionMode !== undefined) inputs.deletionMode = u.deletionMode;
    if (u.adoptExisting !== undefined) inputs.adoptExisting = u.adoptExisting;
    const entry = { type: USER_TYPE, inputs };
    const dependsOn = access.attributeDependencies(u, `users[${i}] (${u.name})`, definitions, source, fail);
    if (dependsOn.length > 0) entry.dependsOn = dependsOn;
    // An entry's Omni `id` (omni-roster export) is the import option, as RosterProgram.cs passes it.
    if (u.id !== undefined) entry.importId = u.id;
    desired.set(u.name, entry);
    roles.push(...access.roleResources(u, `users[${i}] (${u.name})`, 'user', catalog, source, fail));
  });
  const userNames = new Set(roster.users.map((u) => u.name));
  if (roster.groups !== undefined && !Array.isArray(roster.groups)) throw new DemoFailure(`${source}: "groups:" must be a list`);
  (roster.groups ?? []).forEach((g, i) => {
    requireStrings(g, `groups[${i}]`, ['name', 'displayName']);
    const inputs = { displayName: g.displayName };
    if (g.members !== undefined) {
      if (!Array.isArray(g.members)) throw new DemoFailure(`${source}: groups[${i}] (${g.name}): "members" must be a list of user names`);
      const unknown = g.members.find((m) => !userNames.has(m));
      if (unknown !== undefined) throw new DemoFailure(`${source}: groups[${i}] (${g.name}): member "${unknown}" is not a user in the roster`);
      inputs.memberIds = g.members.map(idOf);
    }
    desired.set(g.name, g.id === undefined ? { type: GROUP_TYPE, inputs } : { type: GROUP_TYPE, inputs, importId: g.id });
    roles.push(...access.roleResources(g, `groups[${i}] (${g.name})`, 'group', catalog, source, fail));
  });
  for (const [name, role] of roles) {
    if (desired.has(name)) throw new DemoFailure(`${source}: the role name "${name}" is also the name of another entry; rename that entry`);
    desired.set(name, role);
  }
  return desired;
}

const lower = (s) => s.toLowerCase();
const ofType = (desired, type) => [...desired].filter(([, r]) => r.type === type);
const sameIds = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

// SCIM groups, as an Omni admin would see and change them in the UI (outside Pulumi).
const SCIM_GROUPS = '/api/scim/v2/groups';
async function getGroup(emulator, id) {
  const res = await emulator.request('GET', `${SCIM_GROUPS}/${encodeURIComponent(id)}`);
  if (res.status === 404) return null;
  if (res.status !== 200) throw new DemoFailure(`emulator: GET group ${id} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
async function findGroup(emulator, displayName) {
  const filter = encodeURIComponent(`displayName eq "${displayName}"`);
  return (await emulator.expectOk('GET', `${SCIM_GROUPS}?filter=${filter}`, {}, 200)).Resources?.[0] ?? null;
}
function removeMember(emulator, groupId, userId) {
  return emulator.expectOk('PATCH', `${SCIM_GROUPS}/${encodeURIComponent(groupId)}`, { body: {
    schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${userId}"]`, value: null }] } }, 200);
}
const memberIdsOf = (group) => (group.members ?? []).map((m) => m.value);

/** Checks the emulator holds exactly what the state says (the proof that `up` really happened). */
async function verifyInOmni(emulator, deployment, desired) {
  const users = ofType(desired, USER_TYPE);
  for (const [name, { inputs }] of users) {
    const entry = deployment.resources.get(name);
    expect(entry?.id, `${name} has no id in the state`);
    const user = await emulator.getUser(entry.id);
    expect(user, `${name} (${entry.id}) is not in Omni`);
    expect(lower(user.userName) === lower(inputs.userName), `${name}: Omni has userName ${user.userName}, the roster ${inputs.userName}`);
    expect(user.displayName === inputs.displayName, `${name}: Omni has displayName ${show(user.displayName)}, the roster ${show(inputs.displayName)}`);
    expect(user.active === (inputs.active ?? true), `${name}: Omni has active=${user.active}, the roster ${inputs.active ?? true}`);
  }
  const groups = ofType(desired, GROUP_TYPE);
  for (const [name, { inputs }] of groups) {
    const entry = deployment.resources.get(name);
    expect(entry?.id, `${name} has no id in the state`);
    const group = await getGroup(emulator, entry.id);
    expect(group, `group ${name} (${entry.id}) is not in Omni`);
    expect(group.displayName === inputs.displayName, `${name}: Omni has displayName ${show(group.displayName)}, the roster ${show(inputs.displayName)}`);
    if (inputs.memberIds) {
      const wanted = inputs.memberIds.map((ref) => deployment.resources.get(ref.name).id);
      expect(sameIds(memberIdsOf(group), wanted), `${name}: Omni has members ${JSON.stringify(memberIdsOf(group))}, the roster ${JSON.stringify(wanted)}`);
    }
  }
  note(`verified in the emulator: ${users.length} users and ${groups.length} groups (with their members) as the roster says`);
  await access.verifyAccess(emulator, deployment, desired, { note, expect });
}

/**
 * The pull request of the demo: frank joins (and a group), carol leaves (and so her group), bob is
 * renamed. Without groups in the roster, only the users change.
 */
function changeRoster(roster) {
  expect(roster.users.length >= 3, 'the demo roster needs at least three users');
  const changed = structuredClone(roster);
  const renamed = changed.users[1];
  const removed = changed.users[2];
  const oldDisplayName = renamed.displayName;
  renamed.displayName = `${oldDisplayName} (Platform team)`;
  const oldUserName = renamed.userName;
  renamed.userName = oldUserName.replace('@', '.platform@'); // an email change: an update in place, same Omni id
  changed.users.splice(2, 1);
  const added = { name: 'frank', userName: 'frank@example.com', displayName: 'Frank Ito', attributes: { department: 'Engineering', level: 2 } };
  changed.users.push(added);
  const groups = changed.groups ?? [];
  const left = groups.filter((g) => g.members?.includes(removed.name));
  for (const g of left) g.members = g.members.filter((m) => m !== removed.name);
  const joined = groups.find((g) => g.members && !left.includes(g)) ?? groups.find((g) => g.members);
  joined?.members.push(added.name);
  note(`roster change: add ${added.name}, rename ${renamed.name} (${show(oldDisplayName)} → ${show(renamed.displayName)}, `
    + `${show(oldUserName)} → ${show(renamed.userName)}), remove ${removed.name}`);
  if (joined) note(`                ${added.name} joins ${joined.name}${left.length ? `; ${removed.name} leaves ${left.map((g) => g.name).join(', ')}` : ''}`);
  return { changed, renamed, removed, added, joined, left };
}

// Schema defaults are left out of generated code, as `pulumi import` does.
const DEFAULTS = { active: true, deletionMode: 'delete', adoptExisting: false, allowSelfLockout: false };

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

/** An out-of-band membership change to show on refresh: the first member of the first group with members. */
function memberToRemove(roster) {
  const group = (roster.groups ?? []).find((g) => g.members?.length > 0);
  return group ? { group, member: group.members[0] } : null;
}

async function runHarness(emulator, stack) {
  const started = Date.now();
  const deployment = new Deployment({ plugin: stack.plugin, statePath: path.join(demoDir, 'state.json') });
  const roster = YAML.parse(await fs.readFile(rosterPath, 'utf8'));
  const catalog = await access.prepareAccess(emulator, stack.plugin, roster, { note });
  const desired = rosterInputs(roster, shown(rosterPath), catalog);
  const writeRoutes = ['POST /api/scim/v2/users', 'POST /api/scim/v2/groups'];
  const writesSoFar = async () => (await Promise.all(writeRoutes.map((r) => emulator.countOf(r)))).reduce((a, b) => a + b, 0);

  header(`preview: ${shown(rosterPath)} against an empty organisation`);
  const postsBefore = await writesSoFar();
  const countersBefore = await emulator.counters();
  const previewSteps = await deployment.preview(desired);
  expect(previewSteps.every((s) => s.op === 'create'), 'a first preview must only create');
  expect(await writesSoFar() === postsBefore, 'preview sent a POST to Omni');
  expect(Object.keys(writesBetween(countersBefore, await emulator.counters())).length === 0, 'preview sent a write request to Omni');
  note('verified: preview sent nothing to Omni');

  header('up: create the roster (attribute definitions, users, then the groups that hold them, then roles)');
  const created = await deployment.up(desired);
  const firstGroup = created.findIndex((s) => s.type === GROUP_TYPE);
  expect(firstGroup === -1 || created.slice(firstGroup).every((s) => s.type !== USER_TYPE), 'up must create every user before the groups');
  const lastAttribute = created.findLastIndex((s) => s.type === access.ATTRIBUTE_TYPE);
  expect(created.slice(0, lastAttribute + 1).every((s) => s.type === access.ATTRIBUTE_TYPE), 'up must create the attribute definitions before any user');
  await verifyInOmni(emulator, deployment, desired);

  header('roster change (pull request): preview, then up');
  const { changed, renamed, removed, added, joined, left } = changeRoster(roster);
  const changedDesired = rosterInputs(changed, 'changed roster', catalog);
  const planned = await deployment.preview(changedDesired);
  const ops = Object.fromEntries(planned.map((s) => [s.name, s.op]));
  expect(ops[added.name] === 'create' && ops[renamed.name] === 'update' && ops[removed.name] === 'delete',
    `unexpected plan for the roster change: ${JSON.stringify(ops)}`);
  for (const g of [joined, ...left].filter(Boolean)) expect(ops[g.name] === 'update', `the plan should update group ${g.name}: ${JSON.stringify(ops)}`);
  if (joined) {
    // As the engine does: frank's id is unknown until he exists, so the group's memberIds are too.
    const step = planned.find((s) => s.name === joined.name);
    expect(isUnknown(step.news.memberIds) || (Array.isArray(step.news.memberIds) && step.news.memberIds.some(isUnknown)), `preview should pass ${joined.name} an unknown memberIds, got ${JSON.stringify(step.news.memberIds)}`);
    note(`verified: preview passed ${joined.name} an unknown member id for ${added.name}, who does not exist yet`);
  }
  const emailStep = planned.find((s) => s.name === renamed.name);
  expect(emailStep.diff?.detailedDiff?.userName?.kind === DiffKind.UPDATE,
    `the plan should show ~ userName for ${renamed.name} (an update in place, not a replace): ${JSON.stringify(emailStep.diff?.detailedDiff)}`);
  note(`verified: the plan shows ~ userName for ${renamed.name}: an update in place`);
  const renamedId = deployment.resources.get(renamed.name).id;
  console.log('  applying:');
  const removedId = deployment.resources.get(removed.name).id;
  // Omni observed between steps: each group that loses the removed user must hold them no longer
  // right after its update, while the user still exists (their delete comes later).
  const droppedWhileStillAUser = new Set();
  const applied = await deployment.up(changedDesired, {
    afterStep: async (step) => {
      if (!left.some((g) => g.name === step.name)) return;
      const group = await getGroup(emulator, deployment.resources.get(step.name).id);
      const stillMember = group?.members?.some((m) => m.value === removedId);
      if (!stillMember && await emulator.getUser(removedId) !== null) droppedWhileStillAUser.add(step.name);
    },
  });
  const at = (name) => applied.findIndex((s) => s.name === name);
  if (joined) expect(at(added.name) < at(joined.name), `${added.name} must be created before ${joined.name} is updated`);
  for (const g of left) {
    expect(droppedWhileStillAUser.has(g.name), `Omni should show ${removed.name} out of ${g.name} after its update and before ${removed.name} is deleted`);
  }
  if (left.length > 0) note(`verified: Omni showed ${removed.name} out of ${left.map((g) => g.name).join(', ')} before ${removed.name} was deleted`);
  await verifyInOmni(emulator, deployment, changedDesired);
  expect(await emulator.getUser(removedId) === null, `${removed.name} is still in Omni after its removal`);
  note(`verified: ${removed.name} is gone from Omni`);
  expect(deployment.resources.get(renamed.name).id === renamedId, `${renamed.name}'s email change must keep the Omni id ${renamedId}`);
  note(`verified: ${renamed.name} has the new email and the same Omni id (${renamedId})`);

  header('out-of-band change: someone edits a user and a group in the Omni UI, then refresh');
  const target = changed.users[0];
  const targetId = deployment.resources.get(target.name).id;
  const uiName = `${target.displayName} (renamed in the UI)`;
  await emulator.renameUser(targetId, uiName);
  note(`PATCH /api/scim/v2/users/${targetId} displayName → ${show(uiName)} (outside Pulumi)`);
  const dropped = memberToRemove(changed);
  if (dropped) {
    const groupId = deployment.resources.get(dropped.group.name).id;
    await removeMember(emulator, groupId, deployment.resources.get(dropped.member).id);
    note(`PATCH ${SCIM_GROUPS}/${groupId} remove member ${dropped.member} from ${show(dropped.group.displayName)} (outside Pulumi)`);
  }
  console.log('  pulumi refresh:');
  const drift = await deployment.refresh();
  expect(drift.some((d) => d.name === target.name && d.property === 'displayName' && reveal(d.after) === uiName),
    `refresh did not report the rename of ${target.name}: ${JSON.stringify(drift)}`);
  if (dropped) {
    const memberId = deployment.resources.get(dropped.member).id;
    expect(drift.some((d) => d.name === dropped.group.name && d.property === 'memberIds' && !d.after.includes(memberId)),
      `refresh did not report ${dropped.member} leaving ${dropped.group.name}: ${JSON.stringify(drift)}`);
  }
  console.log('  pulumi preview (the roster still says otherwise):');
  const restore = await deployment.preview(changedDesired);
  expect(restore.find((s) => s.name === target.name)?.op === 'update', 'the next preview should update the renamed user back');
  if (dropped) expect(restore.find((s) => s.name === dropped.group.name)?.op === 'update', `the next preview should put ${dropped.member} back into ${dropped.group.name}`);
  console.log('  pulumi up:');
  await deployment.up(changedDesired);
  await verifyInOmni(emulator, deployment, changedDesired);

  await access.roleDriftStep(emulator, deployment, changedDesired, { header, note, expect });

  header('import: a user created in the Omni UI is brought under Pulumi');
  const grace = await emulator.createUser({ userName: 'grace@example.com', displayName: 'Grace Hopper',
    attributes: { department: 'Research', level: 5, regions: ['us', 'eu'] } });
  note(`POST /api/scim/v2/users grace@example.com (outside Pulumi) → id ${grace.id}`);
  console.log(`  pulumi import ${USER_TYPE} grace ${grace.id}`);
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
  const withGrace = new Map([...changedDesired, ['grace', { type: USER_TYPE, inputs: importedInputs }]]);
  const afterImport = await deployment.plan(withGrace);
  expect(afterImport.every((s) => s.op === 'same'), `the roster with the imported entry should show no changes, got ${JSON.stringify(afterImport.map((s) => [s.name, s.op]))}`);
  note('verified: with that entry in the roster, preview shows no changes');

  header('destroy (roles, then groups, then their members, then attribute definitions)');
  const accessChecks = access.accessDestroyChecks(emulator, { expect });
  const destroyed = await deployment.destroy({ afterStep: accessChecks.afterStep });
  const lastGroup = destroyed.findLastIndex((r) => r.type === GROUP_TYPE);
  expect(destroyed.slice(0, lastGroup + 1).every((r) => r.type !== USER_TYPE), 'destroy must delete the groups before any user');
  const accessCounts = accessChecks.verify(destroyed);
  for (const r of destroyed) {
    if (access.isAccessType(r.type)) continue; // checked after each delete (demo-access.mjs)
    if (r.type === GROUP_TYPE) {
      expect(await getGroup(emulator, r.id) === null, `group ${r.name} (${r.id}) is still in Omni after destroy`);
      continue;
    }
    const user = await emulator.getUser(r.id);
    const mode = reveal(r.inputs).deletionMode ?? 'delete';
    expect(mode === 'deactivate' ? user?.active === false : user === null, `${r.name} (${r.id}) is still in Omni after destroy`);
  }
  const groupCount = destroyed.filter((r) => r.type === GROUP_TYPE).length;
  const userCount = destroyed.filter((r) => r.type === USER_TYPE).length;
  note(`verified: ${groupCount} groups and ${userCount} users removed from Omni`);
  if (accessCounts.roles + accessCounts.attributes > 0) {
    note(`verified: ${accessCounts.roles} roles restored (${accessCounts.restored.join(', ')}) before their users and groups went, `
      + `and ${accessCounts.attributes} attribute definitions deleted after the users that used them`);
  }

  await adoptHandMadeOrganisation(emulator, stack);
  await runEnvironmentDemo({ emulator, stack, demoDir, ui: { header, note, expect } });
  await storedFormStep({ stack, stateDir: demoDir, ui: { header, note, expect } });

  const total = (await emulator.counters()).total;
  console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s; the emulator answered ${total} requests.`);
}


// ---- Adoption: an organisation set up by hand, exported and adopted with zero changes ----------

/** A printer for long plans: the first lines of each run of `=` (import) lines, then how many more. */
function compactPrinter(shownPerRun = 4) {
  let run = 0;
  let hidden = 0;
  const flush = () => {
    if (hidden > 0) console.log(`  … and ${hidden} more`);
    run = 0;
    hidden = 0;
  };
  return (text) => {
    if (!text.startsWith('= ')) {
      flush();
      console.log(text);
      return;
    }
    if (++run <= shownPerRun) console.log(text);
    else hidden++;
  };
}

const ADOPT_TITLE = 'adopt: an organisation set up by hand, exported with omni-roster and adopted with no change';

/**
 * A fresh organisation made by hand, then `bin/omni-roster export` into `rosterFile` and
 * `importFile`, each checked against Omni. Returns the roster as written.
 */
async function exportHandMadeOrganisation(emulator, rosterFile, importFile) {
  await emulator.reset();
  const org = await handMadeOrganisation(emulator);
  note(`a fresh organisation, made by hand through SCIM (outside Pulumi): ${org.users.length} users (${org.inactive.userName} inactive) and ${org.groups.length} groups`);
  console.log(`  $ OMNI_BASE_URL=${emulator.baseUrl} OMNI_API_KEY=… bin/omni-roster export --out ${shown(rosterFile)} --import-file ${shown(importFile)}`);
  const exported = await runRosterExport(['--out', rosterFile, '--import-file', importFile], { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey });
  console.log(`${exported.stderr}${exported.stdout}`.trimEnd().replace(/^/gm, '    '));
  expect(exported.code === 0, `omni-roster export exited ${exported.code}`);
  expect(!`${exported.stdout}${exported.stderr}`.includes(emulator.apiKey), 'omni-roster export printed the API key');

  const text = await fs.readFile(rosterFile, 'utf8');
  const roster = YAML.parse(text);
  const activeUsers = org.users.filter((u) => u.active !== false);
  expect(roster.users.length === activeUsers.length && roster.groups.length === org.groups.length,
    `the export holds ${roster.users.length} users and ${roster.groups.length} groups; Omni has ${activeUsers.length} active users and ${org.groups.length} groups`);
  const byId = new Map(roster.users.map((u) => [u.id, u]));
  expect(activeUsers.every((u) => byId.get(u.id)?.userName === u.userName), 'every active user is in the roster with their Omni id');
  const twins = [org.users[0], org.users[1]].map((u) => byId.get(u.id).name);
  expect(twins[0] !== twins[1], `${org.users[0].userName} and ${org.users[1].userName} got the same name`);
  note(`names from emails, unique: ${org.users[0].userName} → ${twins[0]}, ${org.users[1].userName} → ${twins[1]}`);
  const spec = JSON.parse(await fs.readFile(importFile, 'utf8'));
  // Definitions too when the roster manages them (the export keeps a previous roster's `attributes:` list).
  const entries = [...(roster.attributes ?? []).map((a) => [access.ATTRIBUTE_TYPE, a]),
    ...roster.users.map((u) => [USER_TYPE, u]), ...roster.groups.map((g) => [GROUP_TYPE, g])];
  expect(spec.resources.length === entries.length
    && entries.every(([type, e], i) => spec.resources[i].type === type && spec.resources[i].name === e.name && spec.resources[i].id === e.id),
  `${shown(importFile)} does not list the roster's entries by type, name and id`);
  note(`${shown(importFile)}: ${spec.resources.length} resources for \`pulumi import --file\` (type, name, id), by the roster's names`);
  const firstUser = text.slice(text.indexOf('users:'), text.indexOf('\n\n', text.indexOf('users:')));
  console.log(`  ${shown(rosterFile)} begins:\n${firstUser.replace(/^/gm, '    ')}`);
  return roster;
}

async function adoptHandMadeOrganisation(emulator, stack) {
  header(ADOPT_TITLE);
  const dir = path.join(demoDir, 'adopt');
  await fs.mkdir(dir, { recursive: true });
  const rosterFile = path.join(dir, 'users.yaml');
  const roster = await exportHandMadeOrganisation(emulator, rosterFile, path.join(dir, 'import.json'));

  const desired = rosterInputs(roster, shown(rosterFile));
  const deployment = new Deployment({ plugin: stack.plugin, statePath: path.join(dir, 'state.json'), print: compactPrinter() });
  const before = await emulator.counters();
  console.log('  pulumi preview (each entry\'s id is its import option):');
  const planned = await deployment.preview(desired);
  expect(planned.every((s) => s.op === 'import'), `the first preview should only import: ${JSON.stringify(planned.filter((s) => s.op !== 'import').map((s) => [s.name, s.op]))}`);
  console.log('  pulumi up:');
  const adopted = await deployment.up(desired);
  expect(adopted.every((s) => s.op === 'import'), 'up should only import');
  const writes = writesBetween(before, await emulator.counters());
  expect(Object.keys(writes).length === 0, `adopting sent write requests to Omni: ${JSON.stringify(writes)}`);
  expect([...desired].every(([name, r]) => deployment.resources.get(name)?.id === r.importId), 'the state should hold every entry under its Omni id');
  note(`verified: ${adopted.length} resources adopted under their Omni ids; the emulator counted 0 write requests (POST, PUT, PATCH, DELETE)`);
  console.log('  pulumi preview:');
  const again = await deployment.preview(desired);
  expect(again.every((s) => s.op === 'same'), `after adoption the preview should show no changes: ${JSON.stringify(again.filter((s) => s.op !== 'same').map((s) => [s.name, s.op]))}`);
  note('verified: the roster and Omni agree');

  // Managed from now on: the ids are dropped (the state has them), an edit is an ordinary update.
  const edited = structuredClone(roster);
  for (const entry of [...(edited.attributes ?? []), ...edited.users, ...edited.groups]) delete entry.id;
  const renamed = edited.users[2];
  renamed.displayName = `${renamed.displayName} (Team lead)`;
  const group = edited.groups.find((g) => g.members?.length > 1);
  const leaving = group.members.pop();
  note(`roster change: ids dropped, ${renamed.name} renamed to ${show(renamed.displayName)}, ${leaving} leaves ${group.name}`);
  const editedDesired = rosterInputs(edited, 'edited roster');
  const changed = await deployment.preview(editedDesired);
  const ops = changed.filter((s) => s.op !== 'same').map((s) => `${s.name}:${s.op}`).sort();
  expect(JSON.stringify(ops) === JSON.stringify([`${group.name}:update`, `${renamed.name}:update`].sort()), `unexpected plan for the edit: ${JSON.stringify(ops)}`);
  const beforeEdit = await emulator.counters();
  await deployment.up(editedDesired);
  const editWrites = writesBetween(beforeEdit, await emulator.counters());
  expect(Object.values(editWrites).reduce((a, b) => a + b, 0) === 2, `the edit should cost one write per changed entry: ${JSON.stringify(editWrites)}`);
  const renamedInOmni = await emulator.getUser(deployment.resources.get(renamed.name).id);
  expect(renamedInOmni.displayName === renamed.displayName, `Omni has ${show(renamedInOmni.displayName)} for ${renamed.name}`);
  const groupInOmni = await getGroup(emulator, deployment.resources.get(group.name).id);
  expect(!memberIdsOf(groupInOmni).includes(deployment.resources.get(leaving).id) && memberIdsOf(groupInOmni).length === group.members.length,
    `Omni still lists ${leaving} in ${group.name}`);
  note(`verified in the emulator: ${renamed.name} renamed and ${leaving} out of ${group.name}, with ${JSON.stringify(editWrites)}`);
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
    const catalog = await access.prepareAccess(emulator, null, roster, { note });
    const desired = rosterInputs(roster, 'examples/gitops/users.yaml', catalog);
    note(`project copied to ${project}; local backend, PULUMI_HOME and state under ${workDir}`);
    const check = async (what, assertion) => {
      if (!verify) return note(`not checked in the emulator (--no-verify): ${what}`);
      await assertion();
      note(`verified in the emulator: ${what}`);
    };
    const findUser = async (userName) => (await emulator.findUsers(userName))[0] ?? null;
    const expectRoster = (wanted) => check(`${ofType(wanted, USER_TYPE).length} users and ${ofType(wanted, GROUP_TYPE).length} groups (with their members) as the roster says`, async () => {
      const idsByName = new Map();
      for (const [name, { inputs }] of ofType(wanted, USER_TYPE)) {
        const user = await findUser(inputs.userName);
        expect(user, `${name} (${inputs.userName}) is not in Omni after pulumi up`);
        expect(user.displayName === inputs.displayName, `${name}: Omni has displayName ${show(user.displayName)}, the roster ${show(inputs.displayName)}`);
        expect(user.active === (inputs.active ?? true), `${name}: Omni has active=${user.active}, the roster ${inputs.active ?? true}`);
        idsByName.set(name, user.id);
      }
      for (const [name, { inputs }] of ofType(wanted, GROUP_TYPE)) {
        const group = await findGroup(emulator, inputs.displayName);
        expect(group, `group ${name} (${show(inputs.displayName)}) is not in Omni after pulumi up`);
        const members = (inputs.memberIds ?? []).map((ref) => idsByName.get(ref.name));
        if (inputs.memberIds) expect(sameIds(memberIdsOf(group), members), `${name}: Omni has members ${JSON.stringify(memberIdsOf(group))}, the roster ${JSON.stringify(members)}`);
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
    const changedDesired = rosterInputs(changed, 'changed roster', catalog);
    await expectRoster(changedDesired);
    await check(`${removed.name} is gone`, async () => {
      const left = await findUser(removed.userName);
      expect(removed.deletionMode === 'deactivate' ? left?.active === false : left === null, `${removed.name} is still in Omni after its removal`);
    });

    header('out-of-band change: someone edits a user and a group in the Omni UI, then refresh');
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
    const dropped = memberToRemove(changed);
    const droppedUserName = dropped && changed.users.find((u) => u.name === dropped.member).userName;
    if (dropped) {
      const group = await findGroup(emulator, dropped.group.displayName);
      const member = await findUser(droppedUserName);
      if (group && member) {
        await removeMember(emulator, group.id, member.id);
        note(`PATCH ${SCIM_GROUPS}/${group.id} remove member ${dropped.member} from ${show(dropped.group.displayName)} (outside Pulumi)`);
      } else {
        expect(!verify, `${dropped.group.displayName} or ${droppedUserName} is not in Omni, so there is no member to remove`);
        note(`${dropped.group.displayName} is not in Omni (--no-verify): no member removed`);
      }
    }
    const roleChange = await access.changeRoleInUi(emulator, changedDesired, { note, expect, verify });
    await run(['refresh', '--yes', '--diff']);
    await check(`the refresh left ${target.name}${dropped ? ` and ${dropped.group.name}` : ''} as the UI set them`, async () => {
      expect((await findUser(target.userName))?.displayName === uiName, 'refresh must not write to Omni');
      if (!dropped) return;
      const memberId = (await findUser(droppedUserName)).id;
      expect(!memberIdsOf(await findGroup(emulator, dropped.group.displayName)).includes(memberId), 'refresh must not put the member back');
    });
    console.log('  the roster still says otherwise, so up puts it back:');
    await run(['up', '--yes']);
    await expectRoster(changedDesired);
    if (roleChange) await check(roleChange.what, roleChange.restored);

    header('import: a user created in the Omni UI is brought under Pulumi');
    const graceEntry = { name: 'grace', userName: 'grace@example.com', displayName: 'Grace Hopper',
      attributes: { department: 'Research', level: 5, regions: ['us', 'eu'] } };
    // Only keys Omni defines now: all of them after `up` created the roster's definitions, none when a
    // stand-in ran instead (--no-verify), since the demo removed the emulator's seeded ones.
    const defined = new Set((await emulator.userAttributes()).records.map((r) => r.name));
    graceEntry.attributes = Object.fromEntries(Object.entries(graceEntry.attributes).filter(([key]) => defined.has(key)));
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
    await check(`${changed.groups?.length ?? 0} groups and ${changed.users.length} users removed`, async () => {
      for (const g of changed.groups ?? []) expect(await findGroup(emulator, g.displayName) === null, `group ${g.name} is still in Omni after destroy`);
      for (const u of changed.users) {
        const left = await findUser(u.userName);
        expect(u.deletionMode === 'deactivate' ? left?.active === false : left === null, `${u.name} is still in Omni after destroy`);
      }
    });

    header(ADOPT_TITLE);
    const handMade = await exportHandMadeOrganisation(emulator, rosterFile, path.join(workDir, 'import.json'));
    const beforeAdoption = await emulator.counters();
    await run(['preview']);
    await run(['up', '--yes']);
    const adoptedCount = (handMade.attributes?.length ?? 0) + handMade.users.length + handMade.groups.length;
    await check(`0 write requests while ${adoptedCount} entries were adopted`, async () => {
      const writes = writesBetween(beforeAdoption, await emulator.counters());
      expect(Object.keys(writes).length === 0, `adopting sent write requests to Omni: ${JSON.stringify(writes)}`);
    });
    await run(['preview', '--expect-no-changes']);

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
    emulator = await startEmulator({ dataDir: path.join(demoDir, 'emulator'), extraArgs: demoEmulatorArgs() });
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

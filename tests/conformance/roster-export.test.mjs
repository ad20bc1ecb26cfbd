// bin/omni-roster export, then adoption the way the engine runs the `import` option (Read with the
// id, Check, Diff): no difference, no write request, and afterwards an edit is an ordinary update.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { startEmulator, startStack, randomKey } from './harness.mjs';
import { Deployment } from './deployment.mjs';
import { rosterInputs } from './demo.mjs';
import { handMadeOrganisation, runRosterExport, writesBetween } from './adoption.mjs';

async function tempDir(t) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-roster-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

test('export → adopt → no diff, with zero writes; then an edit is an ordinary update', async (t) => {
  const stack = await startStack();
  t.after(() => stack.close());
  const { emulator, plugin } = stack;
  const org = await handMadeOrganisation(emulator, { userCount: 12 });
  const dir = await tempDir(t);
  const rosterFile = path.join(dir, 'users.yaml');
  const importFile = path.join(dir, 'import.json');

  const run = await runRosterExport(['--out', rosterFile, '--import-file', importFile, '--include-inactive'],
    { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(!(run.stdout + run.stderr).includes(emulator.apiKey), 'the key is never printed');

  const roster = YAML.parse(await fs.readFile(rosterFile, 'utf8'));
  assert.equal(roster.users.length, 12, 'with --include-inactive every user is exported');
  assert.equal(roster.users.find((u) => u.id === org.inactive.id).active, false);
  const spec = JSON.parse(await fs.readFile(importFile, 'utf8'));
  assert.deepEqual(spec.resources,
    [...roster.users.map((u) => ({ type: 'omni:index:User', name: u.name, id: u.id })),
      ...roster.groups.map((g) => ({ type: 'omni:index:Group', name: g.name, id: g.id }))]);

  const deployment = new Deployment({ plugin, print: () => {} });
  const desired = rosterInputs(roster, 'users.yaml');
  const before = await emulator.counters();
  const preview = await deployment.preview(desired);
  assert.deepEqual([...new Set(preview.map((s) => s.op))], ['import']);
  const applied = await deployment.up(desired);
  assert.deepEqual([...new Set(applied.map((s) => s.op))], ['import']);
  assert.deepEqual(writesBetween(before, await emulator.counters()), {}, 'adoption sends no write');
  for (const [name, { importId }] of desired) assert.equal(deployment.resources.get(name).id, importId);
  const again = await deployment.plan(desired);
  assert.deepEqual(again.filter((s) => s.op !== 'same').map((s) => s.name), [], 'no diff after adoption');

  const edited = structuredClone(roster);
  edited.users[0].displayName += ' (edited)';
  const plan = await deployment.plan(rosterInputs(edited, 'edited'));
  assert.deepEqual(plan.filter((s) => s.op !== 'same').map((s) => [s.name, s.op]), [[edited.users[0].name, 'update']]);
});

test('--definitions: the custom attribute definitions are exported with their ids and adopted with no write', async (t) => {
  const stack = await startStack();
  t.after(() => stack.close());
  const { emulator, plugin } = stack;
  await handMadeOrganisation(emulator, { userCount: 6 });
  // One made by hand with every field set, beside the emulator's own definitions.
  await emulator.expectOk('POST', '/api/v1/user-attributes', { body: {
    name: 'cost_center', label: 'Cost center: finance', type: 'Number', multiple_values: true,
    description: 'Where the spend is booked', default_value: ['100', '200.5'] } }, 201);
  const custom = (await emulator.userAttributes()).records.filter((d) => !d.system);
  const dir = await tempDir(t);
  const rosterFile = path.join(dir, 'users.yaml');
  const importFile = path.join(dir, 'import.json');

  const run = await runRosterExport(['--out', rosterFile, '--import-file', importFile, '--definitions'],
    { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey });
  assert.equal(run.code, 0, run.stderr);

  const roster = YAML.parse(await fs.readFile(rosterFile, 'utf8'));
  assert.deepEqual(roster.attributes.map((a) => [a.name, a.id]).sort(), custom.map((d) => [d.name, String(d.id)]).sort());
  const costCenter = roster.attributes.find((a) => a.name === 'cost_center');
  assert.deepEqual(costCenter.defaultValue, ['100', '200.5']);
  assert.equal(costCenter.multipleValues, true);
  const spec = JSON.parse(await fs.readFile(importFile, 'utf8'));
  assert.deepEqual(spec.resources.slice(0, roster.attributes.length),
    roster.attributes.map((a) => ({ type: 'omni:index:UserAttribute', name: a.name, id: a.id })), 'definitions come first');

  const deployment = new Deployment({ plugin, print: () => {} });
  const desired = rosterInputs(roster, 'users.yaml');
  const before = await emulator.counters();
  const applied = await deployment.up(desired);
  assert.deepEqual([...new Set(applied.map((s) => s.op))], ['import']);
  assert.ok(applied.some((s) => s.name === 'cost_center'), 'the definitions are adopted too');
  assert.deepEqual(writesBetween(before, await emulator.counters()), {}, 'adoption sends no write');
  const again = await deployment.plan(desired);
  assert.deepEqual(again.filter((s) => s.op !== 'same').map((s) => s.name), [], 'no diff after adoption');

  const edited = structuredClone(roster);
  edited.attributes.find((a) => a.name === 'cost_center').description = 'Booked by finance';
  const plan = await deployment.plan(rosterInputs(edited, 'edited'));
  assert.deepEqual(plan.filter((s) => s.op !== 'same').map((s) => [s.name, s.op]), [['cost_center', 'update']]);
});

test('an entry that differs from Omni fails the import and changes nothing', async (t) => {
  const stack = await startStack();
  t.after(() => stack.close());
  const { emulator, plugin } = stack;
  await handMadeOrganisation(emulator, { userCount: 3 });
  const dir = await tempDir(t);
  const rosterFile = path.join(dir, 'users.yaml');
  assert.equal((await runRosterExport(['--out', rosterFile], { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey })).code, 0);
  const roster = YAML.parse(await fs.readFile(rosterFile, 'utf8'));
  roster.users[0].displayName = 'Not what Omni holds';

  const before = await emulator.counters();
  const deployment = new Deployment({ plugin, print: () => {} });
  await assert.rejects(deployment.up(rosterInputs(roster, 'users.yaml')), /inputs to import do not match the existing resource.*displayName/);
  assert.deepEqual(writesBetween(before, await emulator.counters()), {});
});

test('bad input: a wrong key, a personal token and an unreachable URL each say what and the fix, never the key', async (t) => {
  const pat = randomKey('omni_pat');
  const emulator = await startEmulator({ pats: [pat] });
  t.after(() => emulator.stop());
  const dir = await tempDir(t);
  const out = path.join(dir, 'users.yaml');
  const wrongKey = randomKey('omni_org_wrong');
  const cases = [
    [{ baseUrl: emulator.baseUrl, apiKey: wrongKey }, [], /refused the API key.*Fix: set OMNI_API_KEY/s, wrongKey],
    [{ baseUrl: emulator.baseUrl, apiKey: pat }, [], /personal access token.*Organization API key/s, pat],
    [{ baseUrl: 'http://127.0.0.1:9', apiKey: emulator.apiKey }, ['--max-retries', '0'], /could not reach Omni at http:\/\/127\.0\.0\.1:9.*--base-url \/ OMNI_BASE_URL/s, emulator.apiKey],
  ];
  for (const [settings, extra, message, key] of cases) {
    const run = await runRosterExport(['--out', out, ...extra], settings);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, message);
    assert.ok(!(run.stdout + run.stderr).includes(key), 'the key is never printed');
  }
  await assert.rejects(fs.access(out), 'no roster is written by a failed export');
  const usage = await runRosterExport([], { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey });
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--out is required/);
});

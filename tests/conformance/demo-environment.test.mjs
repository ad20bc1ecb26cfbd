// The environment part of `make demo` (demo-environment.mjs) on its own emulator and plugin, and the
// promise that goes with it: no secret input (connection password, private key, git webhook secret)
// appears in anything the demo writes or prints: the state files (after every step), the plan and
// refresh output, the plugin's stdout and stderr, the engine log, the error messages, and every
// output property that is not marked secret.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startStack, urnOf, isSecret, secret, SIG } from './harness.mjs';
import { runEnvironmentDemo, environmentSecrets, CONNECTION, MODEL_GIT } from './demo-environment.mjs';

let stack;
let demoDir;
before(async () => {
  stack = await startStack();
  demoDir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-demo-environment-'));
});
after(async () => {
  await stack?.close();
  if (demoDir) await fs.rm(demoDir, { recursive: true, force: true });
});

/** Every string in `value` that is not inside a secret wrapper, with its path. */
function plainStrings(value, at = '', found = []) {
  if (isSecret(value)) return found;
  if (typeof value === 'string') found.push({ at, value });
  else if (Array.isArray(value)) value.forEach((v, i) => plainStrings(v, `${at}[${i}]`, found));
  else if (value !== null && typeof value === 'object') Object.entries(value).forEach(([k, v]) => plainStrings(v, at ? `${at}.${k}` : k, found));
  return found;
}

async function filesUnder(dir) {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name));
}

test('the environment demo provisions, changes, shows drift, restores and destroys, and never writes a secret in the clear', async () => {
  const secrets = environmentSecrets();
  const privateKey = `-----BEGIN PRIVATE KEY-----${secrets.dbPassword}KEY-----END PRIVATE KEY-----`;
  const secretValues = [secrets.dbPassword, secrets.rotatedPassword, secrets.webhookSecret, privateKey];

  // Everything the plugin answers (outputs and read-back inputs), as the engine would receive it.
  const answers = [];
  const plugin = stack.plugin;
  for (const method of ['check', 'create', 'read', 'update', 'diff']) {
    const original = plugin[method].bind(plugin);
    plugin[method] = async (...args) => {
      const answer = await original(...args);
      answers.push({ method, answer });
      return answer;
    };
  }

  const printed = [];
  const stateSnapshots = [];
  const statePath = path.join(demoDir, 'environment', 'state.json');
  const snapshotState = async () => {
    try { stateSnapshots.push(await fs.readFile(statePath, 'utf8')); } catch { /* not written yet */ }
  };
  let steps = 0;
  const snapshotsPending = [];
  const ui = {
    // Each step starts by recording the state as the previous one left it: not just the empty file destroy leaves.
    header: (title) => { steps++; printed.push(`━━━ ${title}`); snapshotsPending.push(snapshotState()); },
    note: (text) => printed.push(text),
    expect: (condition, message) => assert.ok(condition, message),
  };
  const print = (text) => { printed.push(text); };

  await runEnvironmentDemo({ emulator: stack.emulator, stack, demoDir, ui, secrets, print });
  await Promise.all(snapshotsPending);
  await snapshotState();
  assert.equal(steps, 5, 'preview, up, change, drift, destroy');
  assert.ok(printed.some((l) => /~ password: \[secret\] => \[secret\]/.test(l)), `the plan shows the rotation as [secret]:\n${printed.join('\n')}`);
  assert.ok(printed.some((l) => /~ role: "EDITOR" => "VIEWER"/.test(l)), 'refresh shows the role edited in the UI');
  assert.ok(stateSnapshots.some((s) => s.includes('"ciphertext"')), 'the state holds the secrets, sealed');

  // Error paths that carry secret inputs: a rotation of a connection deleted outside Pulumi, and a
  // git link (with its webhook secret) for a model that does not exist; and a key-pair connection.
  const errors = [];
  const created = await plugin.create({ urn: urnOf('keypair', CONNECTION), properties: (await plugin.check({
    urn: urnOf('keypair', CONNECTION), olds: {}, news: { name: 'Lake', dialect: 'snowflake', database: 'LAKE', privateKey: secret(privateKey) },
  })).inputs });
  answers.push({ method: 'create', answer: created });
  answers.push({ method: 'read', answer: await plugin.read({ id: created.id, urn: urnOf('keypair', CONNECTION), properties: {}, inputs: {} }) });
  await stack.emulator.expectOk('DELETE', `/api/v1/connections/${created.id}`, {}, 200);
  await assert.rejects(plugin.update({ id: created.id, urn: urnOf('keypair', CONNECTION), olds: created.properties,
    oldInputs: created.properties, news: { ...created.properties, privateKey: secret(`${privateKey}-rotated`) } }), (err) => { errors.push(err.details ?? err.message); return true; });
  await assert.rejects(plugin.create({ urn: urnOf('git', MODEL_GIT), properties: {
    modelId: '00000000-0000-4000-8000-000000000000', cloneUrl: 'git@github.com:example/x.git', webhookSecret: secret(secrets.webhookSecret),
  } }), (err) => { errors.push(err.details ?? err.message); return true; });
  assert.equal(errors.length, 2);

  const leaks = [];
  const look = (where, text) => {
    for (const value of secretValues) if (text.includes(value)) leaks.push(`${where} holds a secret (${value.slice(0, 6)}…)`);
  };
  for (const [i, s] of stateSnapshots.entries()) look(`state.json after step ${i + 1}`, s);
  for (const file of await filesUnder(demoDir)) look(path.relative(demoDir, file), await fs.readFile(file, 'utf8'));
  look('the printed plan and refresh', printed.join('\n'));
  look('plugin stdout', plugin.process.stdout);
  look('plugin stderr', plugin.stderr);
  look('engine log', stack.engine.logs.map((l) => l.message).join('\n'));
  errors.forEach((e, i) => look(`error ${i + 1}`, e));
  for (const { method, answer } of answers) {
    for (const { at, value } of plainStrings(answer)) look(`${method} answer, plain property ${at}`, value);
  }
  assert.deepEqual(leaks, []);

  // The test can fail: the secrets did travel, inside secret wrappers.
  const wrapped = JSON.stringify(answers.map((a) => a.answer));
  assert.ok(wrapped.includes(secrets.rotatedPassword) && wrapped.includes(SIG), 'the rotated password was in the answers, as a secret');
  assert.ok(plugin.stderr.length > 0, 'the plugin logged (at -v=9), so its log was really searched');
});

// `make demo` is part of the product: run it end to end and check that every step happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const demo = fileURLToPath(new URL('./demo.mjs', import.meta.url));

test('the demo takes the roster through the whole cycle and exits 0', async () => {
  const child = spawn(process.execPath, [demo], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { out += c; });
  const code = await new Promise((resolve) => child.once('close', resolve));
  assert.equal(code, 0, `demo exited ${code}:\n${out}`);
  for (const step of ['1. preview', '2. up', '3. roster change', '4. out-of-band change', '5. import', '6. destroy']) {
    assert.ok(out.includes(step), `step "${step}" printed`);
  }
  assert.match(out, /\+ omni:index:User alice \(alice@example\.com\) create/);
  assert.match(out, /~ displayName: ".*" => ".*\(renamed in the UI\)"/);
  assert.match(out, /verified: \d+ users removed from Omni/);
});

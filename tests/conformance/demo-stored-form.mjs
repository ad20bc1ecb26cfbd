// `make demo`'s stored-form step (issue 16 item 8): a boolean attribute value that Omni stores in its own form
// ("true" by default, "yes" with the emulator's --bool-attributes yes-no, as Omni's create-user page shows) is no
// drift: after `up`, refresh reports no change and the next preview is empty. It runs on the demo's emulator
// (its mode from OMNI_DEMO_BOOL_ATTRIBUTES) and on a second, short-lived one in the other mode, so one demo run
// shows both; each with a state of its own, so the roster steps are untouched.
import path from 'node:path';
import { startStack, reveal, USER_TYPE } from './harness.mjs';
import { Deployment } from './deployment.mjs';

const MODES = ['true-false', 'yes-no'];

/** The demo emulator's --bool-attributes mode: OMNI_DEMO_BOOL_ATTRIBUTES (true-false, the default, or yes-no). */
export function demoBoolAttributesMode(env = process.env) {
  const mode = env.OMNI_DEMO_BOOL_ATTRIBUTES || 'true-false';
  if (!MODES.includes(mode)) throw new Error(`OMNI_DEMO_BOOL_ATTRIBUTES must be ${MODES.join(' or ')}, got '${mode}'`);
  return mode;
}

/** The extra emulator arguments for the demo's emulator. */
export const demoEmulatorArgs = (env = process.env) => ['--bool-attributes', demoBoolAttributesMode(env)];

/**
 * The step itself. `ui` is the demo's printer: { header, note, expect }. `stack` is the demo's plugin on the
 * demo's emulator; `stateDir` the folder for this step's two states.
 */
export async function storedFormStep({ stack, stateDir, ui, env = process.env }) {
  const mode = demoBoolAttributesMode(env);
  const other = MODES.find((m) => m !== mode);
  ui.header(`stored form: a boolean attribute Omni stores as ${mode === 'yes-no' ? '"yes"' : '"true"'} (and, on a second emulator, as ${other === 'yes-no' ? '"yes"' : '"true"'})`);
  await cycle(stack, mode, path.join(stateDir, `stored-form-${mode}.json`), ui);
  const side = await startStack({ emulatorOptions: { extraArgs: ['--bool-attributes', other] } });
  try {
    await cycle(side, other, path.join(stateDir, `stored-form-${other}.json`), ui);
  } finally {
    await side.close();
  }
}

async function cycle(stack, mode, statePath, ui) {
  const lines = [];
  const deployment = new Deployment({ plugin: stack.plugin, statePath, print: (l) => lines.push(l) });
  const desired = new Map([['gina', { type: USER_TYPE, inputs: { userName: 'gina@example.com', displayName: 'Gina Blob', attributes: { good_blob: true } } }]]);
  await deployment.up(desired);
  const id = deployment.resources.get('gina').id;
  const stored = (await stack.emulator.getUser(id))?.['urn:omni:params:1.0:UserAttribute']?.good_blob;
  const expected = mode === 'yes-no' ? 'yes' : 'true';
  ui.expect(stored === expected, `--bool-attributes ${mode}: Omni should store good_blob as "${expected}", it holds ${JSON.stringify(stored)}`);
  const drift = await deployment.refresh();
  ui.expect(!drift.some((d) => d.input), `--bool-attributes ${mode}: refresh reported drift: ${JSON.stringify(drift)}`);
  const plan = await deployment.plan(desired);
  ui.expect(plan.every((s) => s.op === 'same'), `--bool-attributes ${mode}: the next preview should show no changes: ${JSON.stringify(plan.map((s) => [s.name, s.op]))}`);
  ui.note(`--bool-attributes ${mode}: up sent good_blob: true, Omni holds "${stored}" (state: ${JSON.stringify(reveal(deployment.resources.get('gina').outputs).attributes)}); `
    + 'refresh: no change; preview: no changes');
  await deployment.destroy();
  ui.expect(await stack.emulator.getUser(id) === null, `--bool-attributes ${mode}: gina is still in Omni after destroy`);
}

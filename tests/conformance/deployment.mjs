// A small stand-in for the Pulumi engine's step generator, for the demo when no `pulumi` CLI is
// installed: it keeps a stack's state (a JSON file, like a local backend) and turns a desired set of
// omni:index:User inputs into the same RPC sequence the engine sends (Check, Diff, Create, Update,
// Delete, Read), printing a plan the way `pulumi preview` would. A library, not a test.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  urnOf, USER_TYPE, DiffChanges, DiffKind, isSecret, isUnknown, reveal,
} from './harness.mjs';

const REPLACE_KINDS = new Set([DiffKind.ADD_REPLACE, DiffKind.DELETE_REPLACE, DiffKind.UPDATE_REPLACE]);
const KIND_SYMBOL = {
  [DiffKind.ADD]: '+', [DiffKind.DELETE]: '-', [DiffKind.UPDATE]: '~',
  [DiffKind.ADD_REPLACE]: '+-', [DiffKind.DELETE_REPLACE]: '+-', [DiffKind.UPDATE_REPLACE]: '+-',
};
const OP_SYMBOL = { create: '+', update: '~', replace: '+-', delete: '-', same: ' ' };

/** A value as a plan shows it: secrets hidden, unknowns named. */
export function show(value) {
  if (value === undefined) return '(none)';
  if (isSecret(value)) return '[secret]';
  if (isUnknown(value)) return '(known after apply)';
  return JSON.stringify(value);
}

// Property paths of a detailed diff: `displayName`, `attributes.level`, `attributes["a.b"]`, `emails[0]`.
function lookup(obj, propertyPath) {
  const parts = [...propertyPath.matchAll(/([^.[\]"]+)|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]/g)]
    .map((m) => m[1] ?? m[2] ?? Number(m[3]));
  let v = obj;
  for (const p of parts) {
    if (isSecret(v)) v = v.value;
    if (v === null || typeof v !== 'object') return undefined;
    v = v[p];
  }
  return v;
}

/** A failure the plan itself reports (e.g. Check failures), as the engine would print it. */
export class DeploymentError extends Error {}

export class Deployment {
  /**
   * @param {object} o
   * @param {import('./harness.mjs').Plugin} o.plugin a handshaken and configured plugin
   * @param {string} [o.statePath] where the state is kept between steps; in memory when absent
   */
  constructor({ plugin, stack = 'dev', project = 'omni-gitops', statePath, print = console.log }) {
    Object.assign(this, { plugin, stack, project, statePath, print });
    this.resources = new Map(); // name → { urn, id, inputs, outputs }
  }

  urn(name) { return urnOf(name, USER_TYPE, this.stack, this.project); }

  async save() {
    if (!this.statePath) return;
    await fs.mkdir(path.dirname(this.statePath), { recursive: true });
    const state = { stack: this.stack, project: this.project, resources: Object.fromEntries(this.resources) };
    await fs.writeFile(this.statePath, JSON.stringify(state, null, 2));
  }

  /** Check and Diff every desired resource, as the engine does before any change. */
  async plan(desired) {
    const steps = [];
    for (const [name, news] of desired) {
      const urn = this.urn(name);
      const old = this.resources.get(name);
      const checked = await this.plugin.check({ urn, olds: old?.inputs ?? {}, news });
      if (checked.failures.length > 0) {
        const lines = checked.failures.map((f) => `  ${f.property}: ${f.reason}`).join('\n');
        throw new DeploymentError(`${USER_TYPE} ${name}: the provider rejected the inputs:\n${lines}`);
      }
      if (!old) {
        steps.push({ op: 'create', name, urn, news: checked.inputs });
        continue;
      }
      const diff = await this.plugin.diff({ id: old.id, urn, olds: old.outputs, oldInputs: old.inputs, news: checked.inputs });
      steps.push({ op: this.#operation(diff, old.inputs, checked.inputs), name, urn, news: checked.inputs, old, diff });
    }
    for (const [name, old] of this.resources) {
      if (!desired.has(name)) steps.push({ op: 'delete', name, urn: old.urn, old });
    }
    return steps;
  }

  #operation(diff, oldInputs, newInputs) {
    if (diff.changes === DiffChanges.DIFF_NONE) return 'same';
    if (diff.changes === DiffChanges.DIFF_UNKNOWN) {
      // The engine then compares the inputs itself.
      return JSON.stringify(oldInputs) === JSON.stringify(newInputs) ? 'same' : 'update';
    }
    const replaces = diff.replaces.length > 0 || Object.values(diff.detailedDiff).some((d) => REPLACE_KINDS.has(d.kind));
    return replaces ? 'replace' : 'update';
  }

  /** One line per step, then one per changed property, like `pulumi preview --diff`. */
  describe(step) {
    const inputs = step.news ?? step.old?.inputs;
    const who = reveal(inputs)?.userName;
    const lines = [`${OP_SYMBOL[step.op]} ${USER_TYPE} ${step.name} (${who}) ${step.op}`];
    if (step.diff && step.op !== 'same') {
      const entries = step.diff.hasDetailedDiff
        ? Object.entries(step.diff.detailedDiff)
        : step.diff.diffs.map((k) => [k, { kind: DiffKind.UPDATE }]);
      for (const [property, d] of entries) {
        const before = lookup(step.old.outputs, property);
        const after = lookup(step.news, property);
        const change = d.kind === DiffKind.ADD ? show(after)
          : d.kind === DiffKind.DELETE ? show(before) : `${show(before)} => ${show(after)}`;
        lines.push(`    ${KIND_SYMBOL[d.kind] ?? '~'} ${property}: ${change}`);
      }
    }
    return lines.join('\n');
  }

  summarise(steps, { done = false } = {}) {
    const counts = {};
    for (const s of steps) counts[s.op] = (counts[s.op] ?? 0) + 1;
    const planned = { create: 'to create', update: 'to update', replace: 'to replace', delete: 'to delete', same: 'unchanged' };
    const applied = { create: 'created', update: 'updated', replace: 'replaced', delete: 'deleted', same: 'unchanged' };
    const words = done ? applied : planned;
    const text = Object.keys(planned).filter((op) => counts[op]).map((op) => `${counts[op]} ${words[op]}`).join(', ');
    return text || 'no changes';
  }

  /** `pulumi preview`: the plan, with preview Create/Update calls that must touch nothing. */
  async preview(desired) {
    const steps = await this.plan(desired);
    for (const step of steps) {
      if (step.op === 'create' || step.op === 'replace') {
        const result = await this.plugin.create({ urn: step.urn, properties: step.news, preview: true });
        if (result.id !== '') throw new DeploymentError(`preview Create of ${step.name} returned id ${JSON.stringify(result.id)}; it must be ""`);
      } else if (step.op === 'update') {
        await this.plugin.update({ id: step.old.id, urn: step.urn, olds: step.old.outputs, oldInputs: step.old.inputs, news: step.news, preview: true });
      }
      if (step.op !== 'same') this.print(this.describe(step));
    }
    this.print(`Resources: ${this.summarise(steps)}`);
    return steps;
  }

  /** `pulumi up`: creates and updates first, then deletes of what left the roster, as the engine orders them. */
  async up(desired) {
    const steps = await this.plan(desired);
    const ordered = [...steps.filter((s) => s.op !== 'delete'), ...steps.filter((s) => s.op === 'delete')];
    for (const step of ordered) {
      if (step.op === 'same') continue;
      this.print(this.describe(step));
      if (step.op === 'create') await this.#create(step);
      else if (step.op === 'update') await this.#update(step);
      else if (step.op === 'replace') await this.#replace(step);
      else if (step.op === 'delete') await this.#delete(step.name, step.old);
      await this.save();
    }
    this.print(`Resources: ${this.summarise(steps, { done: true })}`);
    return steps;
  }

  async #create(step) {
    try {
      const { id, properties } = await this.plugin.create({ urn: step.urn, properties: step.news });
      this.resources.set(step.name, { urn: step.urn, id, inputs: step.news, outputs: properties });
      this.print(`    created id ${id}`);
    } catch (err) {
      // A partial failure: the engine keeps the id in state so the next run updates, not duplicates.
      if (err.initFailure?.id) {
        this.resources.set(step.name, { urn: step.urn, id: err.initFailure.id, inputs: step.news, outputs: err.initFailure.properties ?? step.news });
        await this.save();
      }
      throw err;
    }
  }

  async #update(step) {
    const { properties } = await this.plugin.update({ id: step.old.id, urn: step.urn, olds: step.old.outputs, oldInputs: step.old.inputs, news: step.news });
    this.resources.set(step.name, { ...step.old, inputs: step.news, outputs: properties });
  }

  async #replace(step) {
    if (!step.diff.deleteBeforeReplace) {
      await this.#create(step);
      await this.plugin.delete({ id: step.old.id, urn: step.urn, properties: step.old.outputs, oldInputs: step.old.inputs });
      return;
    }
    await this.#delete(step.name, step.old);
    await this.#create(step);
  }

  async #delete(name, old) {
    await this.plugin.delete({ id: old.id, urn: old.urn, properties: old.outputs, oldInputs: old.inputs });
    this.resources.delete(name);
  }

  /**
   * `pulumi refresh`: Read every resource; prints what changed outside Pulumi and takes it into the
   * state. Returns the drift as [{ name, gone } | { name, property, before, after }].
   */
  async refresh() {
    const drift = [];
    for (const [name, old] of [...this.resources]) {
      const read = await this.plugin.read({ id: old.id, urn: old.urn, properties: old.outputs, inputs: old.inputs });
      if (read.id === '') {
        this.print(`- ${USER_TYPE} ${name} deleted outside Pulumi: removed from the state`);
        this.resources.delete(name);
        drift.push({ name, gone: true });
        continue;
      }
      const changed = [];
      for (const property of new Set([...Object.keys(old.outputs ?? {}), ...Object.keys(read.properties ?? {})])) {
        const before = old.outputs?.[property];
        const after = read.properties?.[property];
        if (JSON.stringify(before) !== JSON.stringify(after)) changed.push({ name, property, before, after });
      }
      if (changed.length > 0) {
        this.print(`~ ${USER_TYPE} ${name} (${reveal(read.inputs ?? old.inputs).userName}) changed outside Pulumi`);
        for (const c of changed) this.print(`    ~ ${c.property}: ${show(c.before)} => ${show(c.after)}`);
        drift.push(...changed);
      }
      this.resources.set(name, { ...old, id: read.id, outputs: read.properties, inputs: read.inputs ?? old.inputs });
    }
    if (drift.length === 0) this.print('No changes outside Pulumi.');
    await this.save();
    return drift;
  }

  /**
   * `pulumi import omni:index:User <name> <id or userName>`: Read with the id and empty properties
   * and inputs (the engine sends empty Structs, not absent ones), then Check.
   */
  async import(name, idOrUserName) {
    const urn = this.urn(name);
    const read = await this.plugin.read({ id: idOrUserName, urn, properties: {}, inputs: {} });
    if (!read.properties) throw new DeploymentError(`resource '${idOrUserName}' does not exist`);
    if (!read.inputs) throw new DeploymentError('provider does not support importing resources');
    const checked = await this.plugin.check({ urn, olds: read.inputs, news: read.inputs });
    for (const f of checked.failures) this.print(`warning: ${f.property}: ${f.reason}`);
    this.resources.set(name, { urn, id: read.id, inputs: read.inputs, outputs: read.properties });
    await this.save();
    return read;
  }

  /** `pulumi destroy`: every resource, newest first. */
  async destroy() {
    const entries = [...this.resources].reverse();
    for (const [name, old] of entries) {
      this.print(this.describe({ op: 'delete', name, old }));
      await this.#delete(name, old);
      await this.save();
    }
    this.print(`Resources: ${entries.length} deleted`);
    return entries.map(([name, old]) => ({ name, ...old }));
  }
}

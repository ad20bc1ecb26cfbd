// A small stand-in for the Pulumi engine's step generator, for the demo when no `pulumi` CLI is
// installed: it keeps a stack's state (a JSON file, like a local backend) and turns a desired set of
// omni:index:User and omni:index:Group inputs into the same RPC sequence the engine sends (Check,
// Diff, Create, Update, Delete, Read), printing a plan the way `pulumi preview` would.
//
// Dependencies work as they do for a program that passes `user.Id` into a group's `memberIds`: a
// resource is planned after the ones it refers to (`idOf(name)`) and after those named in its
// `dependsOn` (as for a User whose attribute keys are UserAttribute `name` outputs: a map key cannot
// hold a reference, the dependency is recorded all the same); in a preview, the id of a resource that
// is still to be created or replaced is the unknown sentinel; deletes go dependents first.
// A library, not a test, and not a general engine.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createCipheriv, randomBytes } from 'node:crypto';
import {
  urnOf, USER_TYPE, UNKNOWN, DiffChanges, DiffKind, SIG, SECRET_SIG, isSecret, isUnknown, reveal,
} from './harness.mjs';

export const GROUP_TYPE = 'omni:index:Group';

const REPLACE_KINDS = new Set([DiffKind.ADD_REPLACE, DiffKind.DELETE_REPLACE, DiffKind.UPDATE_REPLACE]);
const KIND_SYMBOL = {
  [DiffKind.ADD]: '+', [DiffKind.DELETE]: '-', [DiffKind.UPDATE]: '~',
  [DiffKind.ADD_REPLACE]: '+-', [DiffKind.DELETE_REPLACE]: '+-', [DiffKind.UPDATE_REPLACE]: '+-',
};
const OP_SYMBOL = { create: '+', update: '~', replace: '+-', delete: '-', same: ' ', import: '=' };

/** The id of another resource of the same deployment, as a program passes `alice.Id`. */
class IdOf {
  constructor(name) { this.name = name; }
}
export const idOf = (name) => new IdOf(name);

/** The names of the resources an input value refers to. */
function referencesIn(value, found = new Set()) {
  if (value instanceof IdOf) found.add(value.name);
  else if (Array.isArray(value)) value.forEach((v) => referencesIn(v, found));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => referencesIn(v, found));
  return found;
}

/** The inputs with every reference replaced by `idFor(name)`. */
function resolve(value, idFor) {
  if (value instanceof IdOf) return idFor(value.name);
  if (Array.isArray(value)) return value.map((v) => resolve(v, idFor));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, idFor)]));
  }
  return value;
}

/** What a desired resource must come after: the resources its inputs refer to, then its `dependsOn`. */
function dependenciesOf({ inputs, dependsOn = [] }) {
  return [...new Set([...referencesIn(inputs), ...dependsOn])];
}

/**
 * Names by depth (what depends on nothing first, then what depends only on those, and so on), ties
 * in the given order: users, then the groups that hold them. Reversed, it is the order to delete in.
 */
function dependencyOrder(names, dependenciesOf) {
  const depths = new Map();
  const visiting = new Set();
  const depth = (name) => {
    if (depths.has(name)) return depths.get(name);
    if (visiting.has(name)) throw new DeploymentError(`${name} depends on itself`);
    visiting.add(name);
    const d = Math.max(-1, ...dependenciesOf(name).map(depth)) + 1;
    visiting.delete(name);
    depths.set(name, d);
    return d;
  };
  return names.map((name, index) => ({ name, index, depth: depth(name) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((n) => n.name);
}

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

/**
 * A secret as a Pulumi backend stores it: ciphertext under the secret signature, never the value
 * (AES-256-GCM with a key that lives only as long as the Deployment, like a passphrase provider's
 * data key that is never written next to the state).
 */
function sealSecrets(value, key) {
  if (isSecret(value)) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(value.value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { [SIG]: SECRET_SIG, ciphertext: `v1:${iv.toString('base64')}:${sealed.toString('base64')}` };
  }
  if (Array.isArray(value)) return value.map((v) => sealSecrets(v, key));
  if (value instanceof IdOf) return value;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sealSecrets(v, key)]));
  return value;
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
    this.resources = new Map(); // name → { type, urn, id, inputs, outputs, dependencies }
    this.secretsKey = randomBytes(32);
  }

  urn(name, type = USER_TYPE) { return urnOf(name, type, this.stack, this.project); }

  async save() {
    if (!this.statePath) return;
    await fs.mkdir(path.dirname(this.statePath), { recursive: true });
    // Secret inputs and outputs (a connection's password) are written as ciphertext, as Pulumi's state holds them.
    const state = { stack: this.stack, project: this.project, resources: sealSecrets(Object.fromEntries(this.resources), this.secretsKey) };
    await fs.writeFile(this.statePath, JSON.stringify(state, null, 2));
  }

  /**
   * The desired resources (name → { type, inputs }, inputs may hold `idOf(name)`) in the order the
   * engine registers them: every resource after the ones it refers to.
   */
  #registrationOrder(desired) {
    return dependencyOrder([...desired.keys()], (name) => {
      const references = dependenciesOf(desired.get(name));
      const missing = references.find((r) => !desired.has(r));
      if (missing) throw new DeploymentError(`${desired.get(name).type} ${name} refers to ${missing}, which the program does not declare`);
      return references;
    });
  }

  /** Check and Diff one desired resource, its references resolved with `idFor`. */
  async #planStep(name, { type = USER_TYPE, inputs, importId, dependsOn }, idFor) {
    const urn = this.urn(name, type);
    const old = this.resources.get(name);
    const news = resolve(inputs, idFor);
    const dependencies = dependenciesOf({ inputs, dependsOn });
    if (!old && importId !== undefined) {
      return this.#importStep({ name, type, urn, desired: inputs, dependencies }, importId, news);
    }
    const checked = await this.plugin.check({ urn, olds: old?.inputs ?? {}, news });
    if (checked.failures.length > 0) {
      const lines = checked.failures.map((f) => `  ${f.property}: ${f.reason}`).join('\n');
      throw new DeploymentError(`${type} ${name}: the provider rejected the inputs:\n${lines}`);
    }
    const step = { name, type, urn, news: checked.inputs, desired: inputs, dependencies };
    if (!old) return { ...step, op: 'create' };
    if (old.type !== type) throw new DeploymentError(`${name} is a ${old.type} in the state and a ${type} in the program`);
    const diff = await this.plugin.diff({ id: old.id, urn, olds: old.outputs, oldInputs: old.inputs, news: checked.inputs });
    return { ...step, op: this.#operation(diff, old.inputs, checked.inputs), old, diff };
  }

  /**
   * The `import` resource option on a resource not yet in the state, as the engine's import step
   * runs it (in a preview too): Read with the id and empty properties and inputs, Check the
   * program's inputs against what was read, then Diff; any difference fails the import ("inputs
   * to import do not match the existing resource"), so adopting never changes anything.
   */
  async #importStep(step, importId, news) {
    const what = `${step.type} ${step.name}`;
    const read = await this.plugin.read({ id: importId, urn: step.urn, properties: {}, inputs: {} });
    if (!read.properties) throw new DeploymentError(`${what}: resource '${importId}' does not exist`);
    if (!read.inputs) throw new DeploymentError(`${what}: provider does not support importing resources`);
    const checked = await this.plugin.check({ urn: step.urn, olds: read.inputs, news });
    if (checked.failures.length > 0) {
      const lines = checked.failures.map((f) => `  ${f.property}: ${f.reason}`).join('\n');
      throw new DeploymentError(`${what}: the provider rejected the inputs:\n${lines}`);
    }
    const diff = await this.plugin.diff({ id: read.id, urn: step.urn, olds: read.properties, oldInputs: read.inputs, news: checked.inputs });
    const differs = diff.changes === DiffChanges.DIFF_SOME
      || (diff.changes === DiffChanges.DIFF_UNKNOWN && JSON.stringify(read.inputs) !== JSON.stringify(checked.inputs));
    if (differs) {
      const properties = diff.hasDetailedDiff ? Object.keys(diff.detailedDiff) : diff.diffs;
      throw new DeploymentError(`${what}: inputs to import do not match the existing resource (id ${importId}): ${properties.join(', ') || 'some properties'} differ`);
    }
    return { ...step, news: checked.inputs, op: 'import', importId, read, diff };
  }

  /** What left the program, dependents first (a group before its members). */
  #deletions(desired) {
    const gone = [...this.resources.keys()].filter((name) => !desired.has(name));
    return this.#deletionOrder(gone).map((name) => {
      const old = this.resources.get(name);
      return { op: 'delete', name, type: old.type, urn: old.urn, old };
    });
  }

  #deletionOrder(names) {
    const wanted = new Set(names);
    // A dependency a refresh already dropped from the state (deleted outside Pulumi) orders nothing.
    const dependenciesOf = (n) => (this.resources.get(n).dependencies ?? []).filter((d) => this.resources.has(d));
    const ordered = dependencyOrder([...this.resources.keys()], dependenciesOf);
    return ordered.filter((n) => wanted.has(n)).reverse();
  }

  /**
   * Check and Diff every desired resource, as `pulumi preview` does before any change: the id of a
   * resource still to be created or replaced is unknown to those that refer to it.
   */
  async plan(desired) {
    const steps = [];
    const pending = new Set();
    const imported = new Map(); // name → id: an import is read in the preview, so its id is known
    const idFor = (name) => (pending.has(name) ? UNKNOWN.string : imported.get(name) ?? this.resources.get(name).id);
    for (const name of this.#registrationOrder(desired)) {
      const step = await this.#planStep(name, desired.get(name), idFor);
      if (step.op === 'create' || step.op === 'replace') pending.add(name);
      if (step.op === 'import') imported.set(name, step.read.id);
      steps.push(step);
    }
    return [...steps, ...this.#deletions(desired)];
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

  /** A resource's id in the state → its name, so that plans show `[alice, bob]`, not two UUIDs. */
  #label(value) {
    const byId = new Map([...this.resources].map(([name, r]) => [r.id, name]));
    const nameOf = (v) => {
      if (v instanceof IdOf) return v.name;
      if (isUnknown(v)) return '(known after apply)';
      return byId.get(typeof v === 'string' ? v : v?.id);
    };
    if (value instanceof IdOf) return value.name;
    if (Array.isArray(value) && value.length > 0 && value.every(nameOf)) return `[${value.map(nameOf).join(', ')}]`;
    // One reference (a role's userId): the resource's name.
    if (typeof value === 'string' && byId.has(value)) return nameOf(value);
    return show(value);
  }

  #title(step) {
    const inputs = reveal(step.news ?? step.old?.inputs);
    // A group by its name in Omni, a user by email, an attribute definition by its type (its name is the
    // resource's), a model role by its role name, anything else by its name.
    const shownAs = step.type === GROUP_TYPE ? inputs?.displayName
      : step.type === USER_TYPE ? inputs?.userName
        : step.type === 'omni:index:UserAttribute' ? inputs?.type
          : inputs?.roleName ?? inputs?.name;
    return `${step.type} ${step.name}${isUnknown(shownAs) || shownAs === undefined ? '' : ` (${shownAs})`}`;
  }

  /** One line per step, then one per changed property, like `pulumi preview --diff`. */
  describe(step) {
    const lines = [`${OP_SYMBOL[step.op]} ${this.#title(step)} ${step.op}`];
    // What a property will be: the program's references by name where there are any.
    const after = (property) => {
      const desired = step.desired && lookup(step.desired, property);
      return referencesIn(desired).size > 0 ? desired : lookup(step.news, property);
    };
    if (step.op === 'create') {
      for (const property of Object.keys(step.desired ?? {}).filter((p) => referencesIn(step.desired[p]).size > 0)) {
        lines.push(`    ${property}: ${this.#label(after(property))}`);
      }
    }
    if (step.diff && step.op !== 'same') {
      const entries = step.diff.hasDetailedDiff
        ? Object.entries(step.diff.detailedDiff)
        : step.diff.diffs.map((k) => [k, { kind: DiffKind.UPDATE }]);
      for (const [property, d] of entries) {
        const before = this.#label(lookup(step.old.outputs, property));
        const change = d.kind === DiffKind.ADD ? this.#label(after(property))
          : d.kind === DiffKind.DELETE ? before : `${before} => ${this.#label(after(property))}`;
        lines.push(`    ${KIND_SYMBOL[d.kind] ?? '~'} ${property}: ${change}`);
      }
    }
    return lines.join('\n');
  }

  summarise(steps, { done = false } = {}) {
    const counts = {};
    for (const s of steps) counts[s.op] = (counts[s.op] ?? 0) + 1;
    const planned = { create: 'to create', update: 'to update', replace: 'to replace', delete: 'to delete', same: 'unchanged', import: 'to import' };
    const applied = { create: 'created', update: 'updated', replace: 'replaced', delete: 'deleted', same: 'unchanged', import: 'imported' };
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

  /**
   * `pulumi up`: each resource planned and applied in registration order, so that a group is
   * checked with the real ids of the users created just before it; then the deletes of what left
   * the program, dependents first. `afterStep(step)` runs after each applied step, to observe Omni
   * between steps.
   */
  async up(desired, { afterStep = async () => {} } = {}) {
    const steps = [];
    const idFor = (name) => this.resources.get(name).id;
    for (const name of this.#registrationOrder(desired)) {
      const step = await this.#planStep(name, desired.get(name), idFor);
      steps.push(step);
      await this.#apply(step);
      await afterStep(step);
    }
    for (const step of this.#deletions(desired)) {
      steps.push(step);
      await this.#apply(step);
      await afterStep(step);
    }
    this.print(`Resources: ${this.summarise(steps, { done: true })}`);
    return steps;
  }

  async #apply(step) {
    if (step.op === 'same') {
      // The engine records the program's current dependencies even when nothing changes.
      this.resources.set(step.name, { ...step.old, dependencies: step.dependencies });
      return;
    }
    this.print(this.describe(step));
    if (step.op === 'create') await this.#create(step);
    else if (step.op === 'update') await this.#update(step);
    else if (step.op === 'replace') await this.#replace(step);
    else if (step.op === 'delete') await this.#delete(step.name, step.old);
    else if (step.op === 'import') this.resources.set(step.name, this.#entry(step, step.read.id, step.read.properties));
    await this.save();
  }

  #entry(step, id, outputs) {
    return { type: step.type, urn: step.urn, id, inputs: step.news, outputs, dependencies: step.dependencies };
  }

  async #create(step) {
    try {
      const { id, properties } = await this.plugin.create({ urn: step.urn, properties: step.news });
      this.resources.set(step.name, this.#entry(step, id, properties));
      this.print(`    created id ${id}`);
    } catch (err) {
      // A partial failure: the engine keeps the id in state so the next run updates, not duplicates.
      if (err.initFailure?.id) {
        this.resources.set(step.name, this.#entry(step, err.initFailure.id, err.initFailure.properties ?? step.news));
        await this.save();
      }
      throw err;
    }
  }

  async #update(step) {
    try {
      const { properties } = await this.plugin.update({ id: step.old.id, urn: step.urn, olds: step.old.outputs, oldInputs: step.old.inputs, news: step.news });
      this.resources.set(step.name, this.#entry(step, step.old.id, properties));
    } catch (err) {
      // A partial failure: what succeeded is kept, as in #create, so the next run starts from it.
      if (err.initFailure?.id) {
        this.resources.set(step.name, this.#entry(step, err.initFailure.id, err.initFailure.properties ?? step.old.outputs));
        await this.save();
      }
      throw err;
    }
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
   * state. Returns the changes as [{ name, gone } | { name, property, before, after, input }], where
   * `input` says whether the property is one of the resource's inputs (drift) or only an output.
   */
  async refresh() {
    const drift = [];
    for (const [name, old] of [...this.resources]) {
      const read = await this.plugin.read({ id: old.id, urn: old.urn, properties: old.outputs, inputs: old.inputs });
      if (read.id === '') {
        this.print(`- ${old.type} ${name} deleted outside Pulumi: removed from the state`);
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
        // Only a changed input is drift; an output alone (a user's `groups` after Pulumi changed a
        // group, a timestamp) is just brought up to date.
        const isInput = (c) => c.property in (old.inputs ?? {}) || c.property in (read.inputs ?? {});
        const drifted = changed.some(isInput);
        const title = this.#title({ type: old.type, name, news: read.inputs ?? old.inputs });
        this.print(`~ ${title} ${drifted ? 'changed outside Pulumi' : 'outputs refreshed (no input changed)'}`);
        for (const c of changed) this.print(`    ~ ${c.property}: ${this.#label(c.before)} => ${this.#label(c.after)}`);
        drift.push(...changed.map((c) => ({ ...c, input: isInput(c) })));
      }
      this.resources.set(name, { ...old, id: read.id, outputs: read.properties, inputs: read.inputs ?? old.inputs });
    }
    if (!drift.some((d) => d.gone || d.input)) this.print('No changes outside Pulumi.');
    await this.save();
    return drift;
  }

  /**
   * `pulumi import <type> <name> <id>`: Read with the id and empty properties and inputs (the
   * engine sends empty Structs, not absent ones), then Check.
   */
  async import(name, id, type = USER_TYPE) {
    const urn = this.urn(name, type);
    const read = await this.plugin.read({ id, urn, properties: {}, inputs: {} });
    if (!read.properties) throw new DeploymentError(`resource '${id}' does not exist`);
    if (!read.inputs) throw new DeploymentError('provider does not support importing resources');
    const checked = await this.plugin.check({ urn, olds: read.inputs, news: read.inputs });
    for (const f of checked.failures) this.print(`warning: ${f.property}: ${f.reason}`);
    this.resources.set(name, { type, urn, id: read.id, inputs: read.inputs, outputs: read.properties, dependencies: [] });
    await this.save();
    return read;
  }

  /**
   * `pulumi destroy`: every resource, dependents first (groups before their members), else newest
   * first. `afterStep(resource)` runs after each delete, to observe Omni between steps.
   */
  async destroy({ afterStep = async () => {} } = {}) {
    const names = this.#deletionOrder([...this.resources.keys()]);
    const destroyed = [];
    for (const name of names) {
      const old = this.resources.get(name);
      this.print(this.describe({ op: 'delete', name, type: old.type, old }));
      await this.#delete(name, old);
      destroyed.push({ name, ...old });
      await this.save();
      await afterStep({ name, ...old });
    }
    this.print(`Resources: ${destroyed.length} deleted`);
    return destroyed;
  }
}

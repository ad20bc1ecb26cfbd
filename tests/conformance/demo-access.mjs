// The access model of the gitops roster in `make demo` (issue 10): the roster's `attributes:`
// definitions (omni:index:UserAttribute, created before the users that use them), and the `roles:` of
// users and groups (omni:index:UserModelRole / GroupModelRole, on a model or a connection found by name
// or id, as examples/gitops/RosterProgram.cs finds them with getModels / getConnections). The demo's
// steps for them: the organisation prepared, every definition and role checked in the emulator, a role
// changed in the UI shown as drift on refresh and put back by up, and the destroy checked.
// The rules and messages are those of examples/gitops/Roster.cs and examples/typescript/roster.ts.
import { idOf, show } from './deployment.mjs';
import { USER_TYPE, providerPb, toStruct, fromStruct, reveal } from './harness.mjs';

export const ATTRIBUTE_TYPE = 'omni:index:UserAttribute';
export const USER_ROLE_TYPE = 'omni:index:UserModelRole';
export const GROUP_ROLE_TYPE = 'omni:index:GroupModelRole';
export const ACCESS_TYPES = new Set([ATTRIBUTE_TYPE, USER_ROLE_TYPE, GROUP_ROLE_TYPE]);

/** The roles Omni documents (the provider's list); any other well-formed name is a custom role. */
export const BASE_ROLES = ['NO_ACCESS', 'VIEWER', 'QUERY_TOPICS', 'RESTRICTED_QUERIER', 'QUERIER', 'MODELER', 'CONNECTION_ADMIN'];
const REFERENCE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const ROLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const ATTRIBUTE_FIELDS = new Set(['name', 'label', 'type', 'multipleValues', 'description', 'defaultValue', 'id']);
const ROLE_FIELDS = new Set(['model', 'connection', 'role']);

const isScalar = (v) => ['string', 'number', 'boolean'].includes(typeof v);
const slug = (text) => String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';

/** A role's Pulumi resource name: `alice-on-sales-model`, `dan-on-connection-warehouse`. */
export const roleResourceName = (owner, role) =>
  role.connection !== undefined ? `${owner}-on-connection-${slug(role.connection)}` : `${owner}-on-${slug(role.model)}`;

/**
 * The roster's `attributes:` list → Map(name → { type: UserAttribute, inputs }), or null when the roster
 * has no such list (definitions then live in Omni's UI and users' keys are not checked). `fail(message)`
 * throws; every message names the entry, the field and the fix.
 */
export function attributeDefinitions(roster, source, fail) {
  if (roster?.attributes === undefined || roster.attributes === null) return null;
  if (!Array.isArray(roster.attributes)) fail(`${source}: "attributes:" must be a list of definitions ({ name, type, ... })`);
  const definitions = new Map();
  const seen = new Set();
  roster.attributes.forEach((a, i) => {
    const at = `attributes[${i}]${typeof a?.name === 'string' && a.name !== '' ? ` (${a.name})` : ''}`;
    if (a === null || typeof a !== 'object' || Array.isArray(a)) fail(`${source}: ${at}: must be a mapping such as { name: region, type: String }`);
    const unknown = Object.keys(a).find((k) => !ATTRIBUTE_FIELDS.has(k));
    if (unknown) fail(`${source}: ${at}: unknown field "${unknown}" (known: ${[...ATTRIBUTE_FIELDS].join(', ')})`);
    if (typeof a.name !== 'string' || !REFERENCE_NAME.test(a.name)) {
      fail(`${source}: ${at}: "name" must be a reference name (letters, digits and underscores, starting with a letter, e.g. sales_region), got ${show(a.name)}`);
    }
    if (/^omni_/i.test(a.name)) fail(`${source}: ${at}: "name" ${a.name} starts with omni_, which Omni reserves for its system attributes; choose another name`);
    if (seen.has(a.name.toLowerCase())) fail(`${source}: ${at}: attribute "${a.name}" is defined twice (Omni compares reference names case-insensitively)`);
    seen.add(a.name.toLowerCase());
    if (a.type !== 'String' && a.type !== 'Number') fail(`${source}: ${at}: "type" must be String or Number, got ${show(a.type)}`);
    if (a.multipleValues !== undefined && typeof a.multipleValues !== 'boolean') fail(`${source}: ${at}: "multipleValues" must be true or false, got ${show(a.multipleValues)}`);
    for (const field of ['label', 'description']) {
      if (a[field] !== undefined && typeof a[field] !== 'string') fail(`${source}: ${at}: "${field}" must be a string`);
    }
    if (a.defaultValue !== undefined && !isScalar(a.defaultValue) && !(a.multipleValues === true && Array.isArray(a.defaultValue) && a.defaultValue.every(isScalar))) {
      fail(`${source}: ${at}: "defaultValue" must be a string or number${a.multipleValues === true ? ', or a list of them' : ' (a list needs multipleValues: true)'}`);
    }
    if (a.id !== undefined && (typeof a.id !== 'string' || a.id === '' || /\s/.test(a.id))) {
      fail(`${source}: ${at}: "id" must be Omni's id of the existing definition (no spaces), got ${show(a.id)}; remove "id" to have Pulumi create it instead`);
    }
    const inputs = { name: a.name, type: a.type };
    for (const field of ['label', 'multipleValues', 'description', 'defaultValue']) if (a[field] !== undefined) inputs[field] = a[field];
    // An `id` (omni-roster export --definitions) is the import option, as RosterProgram.cs passes it.
    definitions.set(a.name, a.id === undefined ? { type: ATTRIBUTE_TYPE, inputs } : { type: ATTRIBUTE_TYPE, inputs, importId: a.id });
  });
  return definitions;
}

/**
 * The definitions a user's `attributes` use (their resource names, for `dependsOn`): with an
 * `attributes:` list in the roster, every key must be defined there, and a list value needs a
 * multi-valued definition.
 */
export function attributeDependencies(user, at, definitions, source, fail) {
  if (definitions === null || user.attributes === undefined || user.attributes === null) return [];
  const used = [];
  for (const [key, value] of Object.entries(user.attributes)) {
    const definition = definitions.get(key);
    if (!definition) {
      fail(`${source}: ${at}: attribute "${key}" is not defined in "attributes:"; add a definition ({ name: ${key}, type: String }) or fix the key `
        + `(defined: ${[...definitions.keys()].join(', ') || 'none'})`);
    }
    if (Array.isArray(value) && definition.inputs.multipleValues !== true) {
      fail(`${source}: ${at}: attribute "${key}" holds a list, but its definition is single-valued; give one value or set multipleValues: true on the definition`);
    }
    if (value !== null && value !== undefined) used.push(key);
  }
  return used;
}

/** A name or id in the catalog: the id if one matches, else the one item of that name (any letter case). */
function findIn(items, reference, kind, at, source, fail) {
  const byId = items.filter((item) => item.id === reference);
  if (byId.length === 1) return byId[0];
  const byName = items.filter((item) => typeof item.name === 'string' && item.name.toLowerCase() === String(reference).toLowerCase());
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) {
    fail(`${source}: ${at}: ${kind} "${reference}" names ${byName.length} ${kind}s in Omni (ids ${byName.map((m) => m.id).join(', ')}); use the id of the one you mean`);
  }
  const known = items.map((item) => item.name).filter(Boolean);
  fail(`${source}: ${at}: no ${kind} named "${reference}" in Omni; use a ${kind}'s exact name or its id (${kind}s: ${known.join(', ') || 'none'})`);
}

/**
 * An entry's `roles:` → [[resource name, { type, inputs }]]: exactly one of `model` / `connection` and a
 * `role` of a role name's shape; a connection-level base role must be CONNECTION_ADMIN; the target is
 * looked up in `catalog` ({ models: [{ id, name }], connections: [{ id, name }] }).
 */
export function roleResources(entry, at, subject, catalog, source, fail) {
  if (entry.roles === undefined || entry.roles === null) return [];
  if (!Array.isArray(entry.roles)) fail(`${source}: ${at}: "roles" must be a list such as [{ model: Sales, role: VIEWER }]`);
  const resources = [];
  const names = new Set();
  entry.roles.forEach((role, j) => {
    const where = `${at}: roles[${j}]`;
    if (role === null || typeof role !== 'object' || Array.isArray(role)) {
      fail(`${source}: ${where}: each role is { model: <model name or id>, role: <role> } or { connection: <connection name or id>, role: <role> }, got ${show(role)}`);
    }
    const unknown = Object.keys(role).find((k) => !ROLE_FIELDS.has(k));
    if (unknown) fail(`${source}: ${where}: unknown field "${unknown}" (a role has model or connection, and role)`);
    if ((role.model === undefined) === (role.connection === undefined)) {
      fail(`${source}: ${where}: set exactly one of "model" (a model's name or id) and "connection" (a connection's name or id)`);
    }
    const target = role.model ?? role.connection;
    if (!isScalar(target) || String(target).trim() === '') fail(`${source}: ${where}: "${role.model !== undefined ? 'model' : 'connection'}" must be a name or an id`);
    if (typeof role.role !== 'string' || !ROLE_NAME.test(role.role)) {
      fail(`${source}: ${where}: "role" ${role.role === undefined ? 'is required' : `${show(role.role)} is not a role name`}: use one of ${BASE_ROLES.join(', ')} `
        + '(any letter case) or the name of a custom role defined in Omni (letters, digits and underscores)');
    }
    const base = BASE_ROLES.find((r) => r === role.role.toUpperCase());
    if (role.connection !== undefined && base !== undefined && base !== 'CONNECTION_ADMIN') {
      fail(`${source}: ${where}: a role on a whole connection must be CONNECTION_ADMIN (or a custom role based on it), got ${role.role}; for ${base}, name a model instead`);
    }
    const name = roleResourceName(entry.name, role);
    if (names.has(name)) fail(`${source}: ${where}: ${role.model !== undefined ? 'model' : 'connection'} "${target}" is listed twice; one role per ${subject} and ${role.model !== undefined ? 'model' : 'connection'}`);
    names.add(name);
    if (!catalog) fail(`${source}: ${where}: roles need Omni's models and connections to find "${target}" (no catalog was read)`);
    const found = role.model !== undefined
      ? findIn(catalog.models, String(role.model), 'model', where, source, fail)
      : findIn(catalog.connections, String(role.connection), 'connection', where, source, fail);
    const inputs = subject === 'user' ? { userId: idOf(entry.name) } : { groupId: idOf(entry.name) };
    if (role.model !== undefined) inputs.modelId = found.id;
    else inputs.connectionId = found.id;
    inputs.roleName = role.role;
    resources.push([name, { type: subject === 'user' ? USER_ROLE_TYPE : GROUP_ROLE_TYPE, inputs }]);
  });
  return resources;
}

/** Calls one of the provider's functions as the engine does (Invoke), failing on its failures. */
async function invoke(plugin, token, args = {}) {
  const req = new providerPb.InvokeRequest();
  req.setTok(token);
  req.setArgs(toStruct(args));
  const res = await plugin.rpc.invoke(req);
  const failures = res.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`);
  if (failures.length > 0) throw new Error(`${token} failed: ${failures.join('; ')}`);
  return fromStruct(res.getReturn());
}

/** Omni's models and connections, read with getModels and getConnections as the gitops program reads them. */
export async function readCatalog(plugin) {
  const [models, connections] = await Promise.all([invoke(plugin, 'omni:index:getModels'), invoke(plugin, 'omni:index:getConnections')]);
  return { models: models.models ?? [], connections: connections.connections ?? [] };
}

/** The same catalog straight from Omni's API, for the CLI mode, where the program itself calls the functions. */
export async function catalogFromOmni(emulator) {
  const models = [];
  let cursor;
  do {
    const page = await emulator.expectOk('GET', `/api/v1/models?pageSize=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {}, 200);
    models.push(...page.records);
    cursor = page.pageInfo?.hasNextPage ? page.pageInfo.nextCursor : undefined;
  } while (cursor);
  const { connections } = await emulator.expectOk('GET', '/api/v1/connections', {}, 200);
  return { models, connections };
}

/**
 * The organisation the demo starts from has none of the roster's custom attribute definitions: the
 * emulator seeds region, department, level and regions, so those the roster defines are deleted first,
 * outside Pulumi (creating one that exists would fail and ask for an import). Then reads the catalog,
 * through the plugin's functions when there is one.
 */
export async function prepareAccess(emulator, plugin, roster, { note }) {
  const defined = new Set((Array.isArray(roster?.attributes) ? roster.attributes : []).map((a) => String(a?.name).toLowerCase()));
  const seeded = (await emulator.userAttributes()).records.filter((r) => !r.system && defined.has(r.name.toLowerCase()));
  for (const record of seeded) await emulator.expectOk('DELETE', `/api/v1/user-attributes/${encodeURIComponent(record.id)}`, {}, 200, 204);
  if (seeded.length > 0) {
    note(`DELETE the emulator's seeded attribute definitions ${seeded.map((r) => r.name).join(', ')} (outside Pulumi): the roster's "attributes:" creates them`);
  }
  const catalog = plugin ? await readCatalog(plugin) : await catalogFromOmni(emulator);
  const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  note(`${plugin ? 'getModels / getConnections' : "Omni's model and connection lists"}: ${count(catalog.models.length, 'model')} and `
    + `${count(catalog.connections.length, 'connection')}, to find the roster's roles by name`);
  return catalog;
}

// ---- Checks in the emulator -------------------------------------------------------------------

const ofType = (desired, type) => [...desired].filter(([, r]) => r.type === type);
const stateId = (deployment, name) => deployment.resources.get(name)?.id;

/** The subject's own role on the target, as Omni lists it (not a group's, not a base role). */
export async function directRole(emulator, { type, inputs }, subjectId) {
  const isUser = type === USER_ROLE_TYPE;
  const base = isUser ? `/api/v1/users/${encodeURIComponent(subjectId)}/model-roles` : `/api/v1/user-groups/${encodeURIComponent(subjectId)}/model-roles`;
  const query = inputs.modelId ? `modelId=${encodeURIComponent(inputs.modelId)}` : `connectionId=${encodeURIComponent(inputs.connectionId)}`;
  const res = await emulator.request('GET', `${base}?${query}`);
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`emulator: GET ${base}?${query} → ${res.status} ${JSON.stringify(res.body)}`);
  const own = (r) => !isUser || ['USER', 'User Role'].includes(r.from?.type);
  const rows = (res.body.results ?? []).filter((r) => own(r) && r.roleName
    && (inputs.modelId ? r.modelId === inputs.modelId : r.connectionId === inputs.connectionId));
  return rows[0]?.roleName ?? null;
}

/** Every definition and role of `desired` is in Omni as declared (after an up). */
export async function verifyAccess(emulator, deployment, desired, { note, expect }) {
  const definitions = ofType(desired, ATTRIBUTE_TYPE);
  const records = definitions.length > 0 ? (await emulator.userAttributes()).records : [];
  for (const [name, { inputs }] of definitions) {
    const record = records.find((r) => r.id === stateId(deployment, name));
    expect(record, `attribute ${name} (${stateId(deployment, name)}) is not in Omni`);
    expect(record.name === inputs.name && record.type === inputs.type && record.multiple_values === (inputs.multipleValues ?? false),
      `attribute ${name}: Omni has ${JSON.stringify(record)}, the roster ${JSON.stringify(inputs)}`);
  }
  const roles = [...ofType(desired, USER_ROLE_TYPE), ...ofType(desired, GROUP_ROLE_TYPE)];
  for (const [name, role] of roles) {
    const subject = role.inputs.userId ?? role.inputs.groupId;
    const held = await directRole(emulator, role, stateId(deployment, subject.name));
    expect(held?.toUpperCase() === role.inputs.roleName.toUpperCase(), `${name}: Omni has role ${held}, the roster ${role.inputs.roleName}`);
  }
  if (definitions.length + roles.length > 0) {
    note(`verified in the emulator: ${definitions.length} attribute definitions and ${roles.length} model roles as the roster says`);
  }
}

/**
 * Someone changes a role in Omni's UI (the direct POST an admin's click sends): refresh shows it as
 * drift on that role, preview plans it back, up restores it, each checked in the emulator.
 */
export async function roleDriftStep(emulator, deployment, desired, { header, note, expect, console: out = console }) {
  const [name, role] = [...ofType(desired, USER_ROLE_TYPE), ...ofType(desired, GROUP_ROLE_TYPE)][0] ?? [];
  if (!name) return;
  header('out-of-band role change: an admin changes a model role in the Omni UI, then refresh');
  const isUser = role.type === USER_ROLE_TYPE;
  const subject = role.inputs.userId ?? role.inputs.groupId;
  const subjectId = stateId(deployment, subject.name);
  const uiRole = role.inputs.roleName.toUpperCase() === 'VIEWER' ? 'QUERIER' : 'VIEWER';
  const target = role.inputs.modelId ? { modelId: role.inputs.modelId } : { connectionId: role.inputs.connectionId };
  const route = `/api/v1/${isUser ? 'users' : 'user-groups'}/${encodeURIComponent(subjectId)}/model-roles`;
  await emulator.expectOk('POST', route, { body: { roleName: uiRole, ...target } }, 200);
  note(`POST ${route} ${JSON.stringify({ roleName: uiRole, ...target })} (outside Pulumi)`);
  out.log('  pulumi refresh:');
  const drift = await deployment.refresh();
  const roleDrift = drift.find((d) => d.name === name && d.property === 'roleName');
  expect(roleDrift && reveal(roleDrift.after) === uiRole && roleDrift.input, `refresh did not report ${name}'s role changed to ${uiRole}: ${JSON.stringify(drift)}`);
  expect(drift.every((d) => d.name === name || !d.input), `refresh reported drift beyond ${name}: ${JSON.stringify(drift.filter((d) => d.input))}`);
  expect(await directRole(emulator, role, subjectId) === uiRole, 'refresh must not write to Omni');
  note(`verified: refresh shows ${name}'s roleName ${role.inputs.roleName} => ${uiRole} as drift, and Omni still has ${uiRole}`);
  out.log('  pulumi preview (the roster still says otherwise):');
  const planned = await deployment.preview(desired);
  const step = planned.find((s) => s.name === name);
  expect(step?.op === 'update', `the next preview should update ${name} in place, got ${step?.op}`);
  expect(planned.every((s) => s.name === name || s.op === 'same'), `the preview should change only ${name}: ${JSON.stringify(planned.filter((s) => s.op !== 'same').map((s) => [s.name, s.op]))}`);
  out.log('  pulumi up:');
  await deployment.up(desired);
  expect((await directRole(emulator, role, subjectId))?.toUpperCase() === role.inputs.roleName.toUpperCase(), `up did not restore ${name}'s role ${role.inputs.roleName}`);
  note(`verified in the emulator: ${name} is ${role.inputs.roleName} again`);
}

/**
 * CLI mode (the program's state is Pulumi's, so subjects are found by email or name): the first user
 * role of `desired` changed in Omni's UI before `pulumi refresh`; returns the check that the next `up`
 * put it back, or null when there is no such role or (--no-verify) no such user in Omni.
 */
export async function changeRoleInUi(emulator, desired, { note, expect, verify }) {
  const [name, role] = ofType(desired, USER_ROLE_TYPE)[0] ?? [];
  if (!name) return null;
  const userName = desired.get(role.inputs.userId.name)?.inputs.userName;
  const user = (await emulator.findUsers(userName))[0];
  if (!user) {
    expect(!verify, `${userName} is not in Omni, so there is no role to change`);
    note(`${userName} is not in Omni (--no-verify): no role changed`);
    return null;
  }
  const uiRole = role.inputs.roleName.toUpperCase() === 'VIEWER' ? 'QUERIER' : 'VIEWER';
  const target = role.inputs.modelId ? { modelId: role.inputs.modelId } : { connectionId: role.inputs.connectionId };
  const route = `/api/v1/users/${encodeURIComponent(user.id)}/model-roles`;
  await emulator.expectOk('POST', route, { body: { roleName: uiRole, ...target } }, 200);
  note(`POST ${route} ${JSON.stringify({ roleName: uiRole, ...target })}: ${name} changed in the UI (outside Pulumi)`);
  return {
    what: `${name} is ${role.inputs.roleName} again`,
    restored: async () => {
      const held = await directRole(emulator, role, user.id);
      expect(held?.toUpperCase() === role.inputs.roleName.toUpperCase(), `${name}: Omni has ${held} after up, the roster ${role.inputs.roleName}`);
    },
  };
}

/**
 * The destroy of the access model, observed in Omni: `afterStep` (for Deployment.destroy) checks right
 * after each role's delete that the subject's direct role is back to the one recorded before the role was
 * managed (NO_ACCESS when there was none), and after each definition's delete that it is gone; `verify`
 * then checks the order (every resource deleted before anything it depends on: roles before their users
 * and groups, users before the definitions they use) and returns what was checked.
 */
export function accessDestroyChecks(emulator, { expect }) {
  const counts = { attributes: 0, roles: 0, restored: [] };
  return {
    afterStep: async (r) => {
      if (r.type === ATTRIBUTE_TYPE) {
        expect(!(await emulator.userAttributes()).records.some((a) => a.id === r.id), `attribute ${r.name} (${r.id}) is still in Omni after its delete`);
        counts.attributes++;
      } else if (r.type === USER_ROLE_TYPE || r.type === GROUP_ROLE_TYPE) {
        const [subjectId] = r.id.split('/');
        const held = await directRole(emulator, { type: r.type, inputs: r.outputs }, subjectId);
        const restored = r.outputs.previousRoleName ?? 'NO_ACCESS';
        expect(held === restored, `${r.name}: Omni has ${held} after its delete, expected ${restored} (the direct role before it was managed)`);
        counts.roles++;
        counts.restored.push(`${r.name} → ${restored}`);
      }
    },
    verify: (destroyed) => {
      const position = new Map(destroyed.map((r, i) => [r.name, i]));
      for (const [i, r] of destroyed.entries()) {
        for (const dependency of r.dependencies ?? []) {
          expect(!position.has(dependency) || position.get(dependency) > i, `destroy deleted ${dependency} before ${r.name}, which depends on it`);
        }
      }
      return counts;
    },
  };
}

export const isAccessType = (type) => ACCESS_TYPES.has(type);
export { USER_TYPE };

// roster.ts: the gitops roster parses as examples/gitops/Roster.cs reads it, and a broken roster says
// which entry and field to fix, with Roster.cs's messages.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildExample, exampleDir } from "./build.mjs";

const rosterFile = path.resolve(exampleDir, "../gitops/users.yaml");
let loadRoster;
let parseRoster;
let resolveTarget;
let roleResourceName;

before(async () => {
  const out = await buildExample();
  ({ loadRoster, parseRoster, resolveTarget, roleResourceName } = createRequire(import.meta.url)(path.join(out, "roster.js")));
});

const rejects = (yaml, ...messages) => {
  assert.throws(() => parseRoster(yaml), (error) => {
    assert.equal(error.name, "RosterError");
    assert.match(error.message, /^users\.yaml/);
    for (const message of messages) {
      assert.ok(error.message.includes(message), `expected «${message}» in:\n${error.message}`);
    }
    return true;
  });
};

describe("the TypeScript roster reader", () => {
  it("reads examples/gitops/users.yaml: four definitions, five users, two groups, attributes as Omni stores them, roles", () => {
    const roster = loadRoster(rosterFile);
    assert.deepEqual(roster.attributes.map((a) => [a.name, a.type, a.multipleValues ?? false]),
      [["region", "String", false], ["department", "String", false], ["level", "Number", false], ["regions", "String", true]]);
    assert.deepEqual(roster.users.map((u) => u.name), ["alice", "bob", "carol", "dan", "erin"]);
    assert.deepEqual(roster.users[0], {
      name: "alice",
      userName: "alice@example.com",
      displayName: "Alice Martin",
      attributes: { region: "us-east", department: "Finance", level: "3", regions: ["us", "eu"] },
      roles: [{ model: "Emulator Shared Model", role: "QUERIER" }],
    });
    assert.deepEqual(roster.users[3].roles, [{ connection: "Emulator Warehouse", role: "CONNECTION_ADMIN" }]);
    assert.equal("roles" in roster.users[1], false, "no roles: none declared");
    assert.equal(roster.users[4].active, false);
    assert.deepEqual(roster.groups, [
      { name: "finance-analysts", displayName: "Finance Analysts", members: ["alice", "carol"], roles: [{ model: "Emulator Shared Model", role: "VIEWER" }] },
      { name: "engineering", displayName: "Engineering", members: ["bob", "dan"], roles: [{ model: "Emulator Shared Model", role: "MODELER" }] },
    ]);
  });

  it("keeps scalars as written and drops empty attributes; an empty members list stays a list", () => {
    const roster = parseRoster(`
users:
  - name: a
    userName: a@example.com
    displayName: A
    deletionMode: deactivate
    adoptExisting: true
    attributes: { level: 3.0, flag: True, quoted: "007", empty:, tilde: ~, list: [1, x] }
groups:
  - name: nobody
    displayName: Nobody
    members: []
  - name: unmanaged
    displayName: Unmanaged
`);
    assert.deepEqual(roster.users[0].attributes, { level: "3.0", flag: "True", quoted: "007", list: ["1", "x"] });
    assert.equal(roster.users[0].deletionMode, "deactivate");
    assert.equal(roster.users[0].adoptExisting, true);
    assert.deepEqual(roster.groups[0].members, []);
    assert.equal("members" in roster.groups[1], false);
  });

  it("reads an empty file as an empty roster", () => {
    assert.deepEqual(parseRoster(""), { users: [], groups: [] });
  });

  it("names the entry and field of every problem at once", () => {
    rejects(`
users:
  - name: alice
    userName: not-an-email
    displayName: Alice
    deletionMode: archive
  - name: alice
    userName: ALICE2@example.com
    displayName: ""
  - userName: alice2@example.com
    displayName: Again
`,
    "users[0] (alice): `userName` must be the user's email address, got `not-an-email`",
    "users[0] (alice): `deletionMode` must be `delete` or `deactivate`, got `archive`",
    "users[1] (alice): `name` alice is used twice; resource names must be unique",
    "users[1] (alice): `displayName` is required",
    "users[2]: `name` is required (the Pulumi resource name, e.g. `alice`)",
    "users[2]: `userName` alice2@example.com is listed twice (Omni compares emails case-insensitively)");
  });

  it("rejects a group with an unknown or repeated member, a long or repeated name, or a user's name", () => {
    rejects(`
users:
  - { name: alice, userName: alice@example.com, displayName: Alice }
groups:
  - { name: g1, displayName: Team, members: [alice, alice, zoe] }
  - { name: g2, displayName: team }
  - { name: alice, displayName: ${"x".repeat(65)} }
`,
    "groups[0] (g1): member `alice` is listed twice",
    "groups[0] (g1): member `zoe` is not a user in the roster; `members` lists users' `name`s",
    "groups[1] (g2): `displayName` team is listed twice (Omni group names are unique)",
    "groups[2] (alice): `name` alice is used twice; names must be unique across users and groups",
    "groups[2] (alice): `displayName` has 65 characters; Omni allows at most 64");
  });

  it("rejects a mapping as an attribute value, a non-boolean flag and an unknown field", () => {
    rejects(`
users:
  - name: a
    userName: a@example.com
    displayName: A
    active: sometimes
    email: a@example.com
    attributes: { nested: { x: 1 } }
`,
    "users[0] (a): attribute `nested` is a mapping; use a string, number, boolean or a list of them",
    "users[0] (a): `active` must be true or false, got `sometimes`",
    "users[0] (a): unknown field `email`");
  });

  it("reads a roster without `attributes:` as before: users' keys are then not checked", () => {
    const roster = parseRoster(`
users:
  - { name: a, userName: a@example.com, displayName: A, attributes: { anything: 1 } }
`);
    assert.equal("attributes" in roster, false);
    assert.deepEqual(roster.users[0].attributes, { anything: "1" });
  });

  it("rejects a malformed definition, and a user's key that no definition declares, naming the fix", () => {
    rejects(`
attributes:
  - { name: region, type: String }
  - { name: Region, type: String }
  - { name: omni_tier, type: Number }
  - { name: 2fast, type: Text, defaultValue: [a, b] }
  - { name: regions, type: String, multipleValues: true, colour: red }
users:
  - name: a
    userName: a@example.com
    displayName: A
    attributes: { regoin: x, region: [us, eu], regions: [us] }
`,
    "attributes[1] (Region): attribute `Region` is defined twice (Omni compares reference names case-insensitively)",
    "attributes[2] (omni_tier): `name` omni_tier starts with omni_, which Omni reserves for its system attributes; choose another name",
    "attributes[3] (2fast): `name` must be a reference name (letters, digits and underscores, starting with a letter, e.g. sales_region), got `2fast`",
    "attributes[3] (2fast): `type` must be String or Number, got `Text`",
    "attributes[3] (2fast): `defaultValue` is a list; a list needs `multipleValues: true`",
    "attributes[4] (regions): unknown field `colour`",
    "users[0] (a): attribute `regoin` is not defined in `attributes:`; add a definition ({ name: regoin, type: String }) or fix the key (defined: region, regions)",
    "users[0] (a): attribute `region` holds a list, but its definition is single-valued; give one value or set `multipleValues: true` on the definition");
  });

  it("rejects roles of the wrong shape: no or two targets, no role, a role that is no name, a base role on a connection, twice the same model", () => {
    rejects(`
users:
  - name: a
    userName: a@example.com
    displayName: A
    roles:
      - { role: VIEWER }
      - { model: Sales, connection: Warehouse, role: VIEWER }
      - { model: Sales }
      - { model: Finance, role: read only }
      - { connection: Warehouse, role: querier }
      - { model: sales, role: MODELER }
      - VIEWER
      - { model: Ops, role: VIEWER, scope: all }
groups:
  - { name: g, displayName: G, roles: { model: Sales, role: VIEWER } }
`,
    "users[0] (a): roles[0]: set exactly one of `model` (a model's name or id) and `connection` (a connection's name or id)",
    "users[0] (a): roles[1]: set exactly one of `model` (a model's name or id) and `connection` (a connection's name or id)",
    "users[0] (a): roles[2]: `role` is required: use one of NO_ACCESS, VIEWER, QUERY_TOPICS, RESTRICTED_QUERIER, QUERIER, MODELER, CONNECTION_ADMIN (any letter case) or the name of a custom role defined in Omni",
    "users[0] (a): roles[3]: `role` `read only` is not a role name: use one of NO_ACCESS",
    "users[0] (a): roles[4]: a role on a whole connection must be CONNECTION_ADMIN (or a custom role based on it), got querier; for QUERIER, name a model instead",
    "users[0] (a): roles[5]: model `sales` is listed twice; one role per user and model",
    "users[0] (a): roles[6]: each role is { model: <model name or id>, role: <role> } or { connection: <connection name or id>, role: <role> }",
    "users[0] (a): roles[7]: unknown field `scope` (a role has model or connection, and role)",
    "groups[0] (g): `roles` must be a list such as [{ model: Sales, role: VIEWER }]");
  });

  it("finds a role's model by id or by name in any letter case, and names the role and the fix when it cannot", () => {
    const models = [{ id: "m1", name: "Sales" }, { id: "m2", name: "Ops" }, { id: "m3", name: "ops" }];
    assert.equal(resolveTarget(models, "m2", "model", "users[0] (a): roles[0]"), "m2");
    assert.equal(resolveTarget(models, "SALES", "model", "users[0] (a): roles[0]"), "m1");
    assert.throws(() => resolveTarget(models, "Finance", "model", "users[0] (a): roles[0]"),
      { name: "RosterError", message: "users[0] (a): roles[0]: no model named `Finance` in Omni; use a model's exact name or its id (models: Sales, Ops, ops)" });
    assert.throws(() => resolveTarget(models, "Ops", "model", "groups[1] (g): roles[2]"),
      { message: "groups[1] (g): roles[2]: model `Ops` names 2 models in Omni (ids m2, m3); use the id of the one you mean" });
    assert.equal(roleResourceName("alice", { model: "Emulator Shared Model", role: "QUERIER" }), "alice-on-emulator-shared-model");
    assert.equal(roleResourceName("dan", { connection: "Emulator Warehouse", role: "CONNECTION_ADMIN" }), "dan-on-connection-emulator-warehouse");
  });

  it("points at the line and column of a YAML syntax error", () => {
    assert.throws(() => parseRoster("users:\n  - name: [a\n"), /^RosterError: users\.yaml:\d+:\d+: /);
  });

  it("says how to point the stack at a roster that is not there", () => {
    const missing = path.join(os.tmpdir(), `no-roster-${process.pid}.yaml`);
    assert.throws(() => loadRoster(missing), { message: `${missing}: roster file not found (set the stack config \`roster\` to its path, or run from examples/typescript).` });
  });
});

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

before(async () => {
  const out = await buildExample();
  ({ loadRoster, parseRoster } = createRequire(import.meta.url)(path.join(out, "roster.js")));
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
  it("reads examples/gitops/users.yaml: five users, two groups, attributes as Omni stores them", () => {
    const roster = loadRoster(rosterFile);
    assert.deepEqual(roster.users.map((u) => u.name), ["alice", "bob", "carol", "dan", "erin"]);
    assert.deepEqual(roster.users[0], {
      name: "alice",
      userName: "alice@example.com",
      displayName: "Alice Martin",
      attributes: { region: "us-east", department: "Finance", level: "3", regions: ["us", "eu"] },
    });
    assert.equal(roster.users[4].active, false);
    assert.deepEqual(roster.groups, [
      { name: "finance-analysts", displayName: "Finance Analysts", members: ["alice", "carol"] },
      { name: "engineering", displayName: "Engineering", members: ["bob", "dan"] },
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

  it("points at the line and column of a YAML syntax error", () => {
    assert.throws(() => parseRoster("users:\n  - name: [a\n"), /^RosterError: users\.yaml:\d+:\d+: /);
  });

  it("says how to point the stack at a roster that is not there", () => {
    const missing = path.join(os.tmpdir(), `no-roster-${process.pid}.yaml`);
    assert.throws(() => loadRoster(missing), { message: `${missing}: roster file not found (set the stack config \`roster\` to its path, or run from examples/typescript).` });
  });
});

// programs/roster.ts under @pulumi/pulumi's mocks: what the generated SDK registers and invokes.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildPrograms, here, sdkSource } from "./build.mjs";
import { isWireSecret, registrationOf, settle, startMocks } from "./mocks.mjs";

const require = createRequire(import.meta.url);
const schemaVersion = require(path.join(sdkSource, "package.json")).version;

const userFixture = (id, userName) => ({
  id,
  userName,
  displayName: "Alice Martin",
  active: true,
  attributes: { region: "us-east" },
  emails: [userName],
  groups: [{ id: "grp-analysts", displayName: "Analysts" }],
});

// The provider as the mocks play it: ids from the names, outputs the provider would compute.
function newResource({ type, name, inputs, id }) {
  if (id) {
    return { id, state: { userName: "existing@example.com", displayName: "Existing", active: true, emails: ["existing@example.com"], groups: [] } };
  }

  switch (type) {
    case "omni:index:User":
      return { id: `usr-${name}`, state: { ...inputs, adopted: false, emails: [inputs.userName], groups: [] } };
    case "omni:index:Group":
      return { id: `grp-${name}`, state: { ...inputs, members: (inputs.memberIds ?? []).map((memberId) => ({ id: memberId })) } };
    default:
      return { id: `${name}-id`, state: inputs };
  }
}

function call({ token, inputs }) {
  switch (token) {
    case "omni:index:getUser":
      return userFixture(inputs.id ?? "usr-alice", inputs.userName ?? "alice@example.com");
    case "omni:index:getGroup":
      return { id: inputs.id, displayName: "Analysts", members: [{ id: "usr-alice" }, { id: "usr-bob" }] };
    case "omni:index:getUsers":
      return { users: [userFixture("usr-bob", "bob@example.com")] };
    case "omni:index:getUserAttributes":
      return { attributes: [{ id: "attr-1", name: "region", multipleValues: false, system: false, type: "String" }] };
    default:
      throw new Error(`unexpected invoke ${token}`);
  }
}

describe("a TypeScript program using the generated SDK, under Pulumi's mocks", () => {
  let record;
  let program;
  before(async () => {
    const out = await buildPrograms();
    record = await startMocks(here, { newResource, call });
    program = require(path.join(out, "roster.js"));
    // Every resource's URN resolves once the mocks answered its registration.
    await Promise.all([program.alice, program.bob, program.analysts, program.aliceInEngineering, program.existing].map((r) => settle(r.urn)));
    await Promise.all([program.aliceByName, program.analystsById, program.filtered, program.attributeNames, program.memberCount].map(settle));
    await program.directLookup;
  });

  it("registers each resource with its type token, and reads the looked-up one by id", () => {
    assert.deepEqual(
      record.registrations.map((r) => `${r.kind} ${r.type} ${r.name}`).sort(),
      [
        "read omni:index:User existing",
        "register omni:index:Group analysts",
        "register omni:index:GroupMembership alice-in-engineering",
        "register omni:index:User alice",
        "register omni:index:User bob",
      ]);
    assert.equal(registrationOf(record, "omni:index:User", "existing").id, "usr-existing");
    assert.ok(record.registrations.every((r) => r.kind === "read" || r.custom), "every resource is a custom resource");
  });

  it("sends a user's inputs by their schema names, with the schema's defaults for those left out", () => {
    assert.deepEqual(registrationOf(record, "omni:index:User", "alice").wire, {
      userName: "alice@example.com",
      displayName: "Alice Martin",
      attributes: { region: "us-east", level: "3", regions: ["us", "eu"] },
      active: true,
      adoptExisting: false,
      allowSelfLockout: false,
      deletionMode: "delete",
    });
    const bob = registrationOf(record, "omni:index:User", "bob").wire;
    assert.equal(bob.active, false);
    assert.equal(bob.adoptExisting, true);
    assert.equal(bob.deletionMode, "deactivate");
  });

  it("keeps a secret input secret on the wire", () => {
    const bob = registrationOf(record, "omni:index:User", "bob").wire;
    assert.ok(isWireSecret(bob.displayName), `displayName was sent as ${JSON.stringify(bob.displayName)}`);
    assert.equal(bob.displayName.value, "Bob Okafor");
    assert.ok(!isWireSecret(bob.userName), "a plain input stays plain");
  });

  it("passes the users' ids into the group's memberIds, and records the dependency", () => {
    const group = registrationOf(record, "omni:index:Group", "analysts");
    assert.deepEqual(group.wire, { displayName: "Analysts", memberIds: ["usr-alice", "usr-bob"], allowSelfLockout: false });
    const alice = "urn:pulumi:stack::project::omni:index:User::alice";
    const bob = "urn:pulumi:stack::project::omni:index:User::bob";
    assert.deepEqual([...group.propertyDependencies.memberIds].sort(), [alice, bob]);
    assert.deepEqual([...group.dependencies].sort(), [alice, bob]);
    assert.deepEqual(registrationOf(record, "omni:index:GroupMembership", "alice-in-engineering").wire,
      { groupId: "grp-engineering", userId: "usr-alice", allowSelfLockout: false });
  });

  it("flows the provider's outputs back into the resources' properties", async () => {
    assert.equal(await settle(program.analysts.id), "grp-analysts");
    assert.deepEqual(await settle(program.analysts.members), [{ id: "usr-alice" }, { id: "usr-bob" }]);
    assert.equal(await settle(program.memberCount), 2);
    assert.deepEqual(await settle(program.alice.emails), ["alice@example.com"]);
    assert.equal(await settle(program.existing.userName), "existing@example.com");
    assert.equal(program.aliceIsUser, true);
    assert.equal(program.analystsIsUser, false);
  });

  it("calls each function by its token with its argument names, in the Output and the Promise form", async () => {
    assert.deepEqual(record.invokes.map((i) => i.token).sort(), [
      "omni:index:getGroup",
      "omni:index:getUser",
      "omni:index:getUser",
      "omni:index:getUserAttributes",
      "omni:index:getUsers",
    ]);
    const args = (token) => record.invokes.filter((i) => i.token === token).map((i) => i.wire);
    assert.deepEqual(args("omni:index:getUser").sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [{ id: "usr-direct" }, { userName: "alice@example.com" }]);
    // The group's id reached the invoke only once the group existed: an Output flowed into an Output-form call.
    assert.deepEqual(args("omni:index:getGroup"), [{ id: "grp-analysts" }]);
    assert.deepEqual(args("omni:index:getUsers"), [{ filter: 'userName eq "bob@example.com"' }]);
    assert.deepEqual(args("omni:index:getUserAttributes"), [{}]);

    assert.equal((await settle(program.aliceByName)).displayName, "Alice Martin");
    assert.deepEqual((await settle(program.analystsById)).members, [{ id: "usr-alice" }, { id: "usr-bob" }]);
    assert.deepEqual((await settle(program.filtered)).users.map((u) => u.userName), ["bob@example.com"]);
    assert.deepEqual(await settle(program.attributeNames), ["region"]);
    assert.equal((await program.directLookup).id, "usr-direct");
  });

  it("asks for the plugin version of the schema on every registration and invoke", () => {
    assert.match(schemaVersion, /^\d+\.\d+\.\d+/);
    for (const r of record.registrations) {
      assert.equal(r.version, schemaVersion, `${r.type} ${r.name}`);
    }

    for (const i of record.invokes) {
      assert.equal(i.version, schemaVersion, i.token);
    }
  });
});

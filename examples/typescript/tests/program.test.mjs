// The example program (index.ts) under @pulumi/pulumi's mocks, reading examples/gitops/users.yaml: one
// omni:index:UserAttribute per definition, one omni:index:User per user keyed by the definitions' names,
// one omni:index:Group per group with its members' ids, one UserModelRole / GroupModelRole per role on the
// model or connection getModels / getConnections find by name, and the stack outputs.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { before, describe, it } from "node:test";
import { isWireSecret, registrationOf, settle, startMocks } from "../../../tests/nodejs-sdk/mocks.mjs";
import { buildExample, exampleDir } from "./build.mjs";

const project = "omni-roster-ts";
const urn = (type, name) => `urn:pulumi:stack::${project}::${type}::${name}`;

// Omni's models and connections as getModels / getConnections answer (the emulator's seed, by name).
const models = [
  { id: "model-schema", name: "Emulator Warehouse", modelKind: "SCHEMA", connectionId: "conn-1" },
  { id: "model-shared", name: "Emulator Shared Model", modelKind: "SHARED", connectionId: "conn-1" },
];
const connections = [{ id: "conn-1", name: "Emulator Warehouse", dialect: "postgres" }];
const prefix = { "omni:index:User": "usr", "omni:index:Group": "grp", "omni:index:UserAttribute": "attr" };

describe("the TypeScript roster program, under Pulumi's mocks", () => {
  let record;
  let program;
  before(async () => {
    const out = await buildExample();
    record = await startMocks(exampleDir, {
      project,
      config: { [`${project}:roster`]: path.resolve(exampleDir, "../gitops/users.yaml") },
      newResource: ({ type, name, inputs }) => ({
        // Roles' ids are Omni's: the subject's id and the model's (or connection's), as the provider makes them.
        id: type.endsWith("ModelRole") ? `${inputs.userId ?? inputs.groupId}/${inputs.modelId ?? inputs.connectionId}` : `${prefix[type]}-${name}`,
        state: type === "omni:index:Group" ? { ...inputs, members: (inputs.memberIds ?? []).map((id) => ({ id })) } : inputs,
      }),
      call: ({ token }) => {
        if (token === "omni:index:getModels") return { models };
        if (token === "omni:index:getConnections") return { connections };
        throw new Error(`the roster program calls no ${token}`);
      },
    });
    program = createRequire(import.meta.url)(path.join(out, "index.js"));
    await Promise.all([settle(program.userIds), settle(program.groupIds), settle(program.attributeIds), settle(program.roleIds)]);
  });

  it("declares a UserAttribute per definition, a User per user, a Group per group and a role resource per role", () => {
    assert.deepEqual(record.registrations.map((r) => `${r.type} ${r.name}`).sort(), [
      "omni:index:Group engineering",
      "omni:index:Group finance-analysts",
      "omni:index:GroupModelRole engineering-on-emulator-shared-model",
      "omni:index:GroupModelRole finance-analysts-on-emulator-shared-model",
      "omni:index:User alice",
      "omni:index:User bob",
      "omni:index:User carol",
      "omni:index:User dan",
      "omni:index:User erin",
      "omni:index:UserAttribute department",
      "omni:index:UserAttribute level",
      "omni:index:UserAttribute region",
      "omni:index:UserAttribute regions",
      "omni:index:UserModelRole alice-on-emulator-shared-model",
      "omni:index:UserModelRole dan-on-connection-emulator-warehouse",
    ]);
  });

  it("sends each definition's fields as the roster has them, with the schema's default for multipleValues", () => {
    assert.deepEqual(registrationOf(record, "omni:index:UserAttribute", "region").wire,
      { name: "region", label: "Region", type: "String", description: "Sales region used for row-level security", multipleValues: false });
    assert.equal(registrationOf(record, "omni:index:UserAttribute", "level").wire.type, "Number");
    assert.equal(registrationOf(record, "omni:index:UserAttribute", "regions").wire.multipleValues, true);
  });

  it("keys each user's attributes by the definitions' name outputs, so a user depends on the definitions it uses", () => {
    const alice = registrationOf(record, "omni:index:User", "alice");
    assert.deepEqual([...alice.propertyDependencies.attributes].sort(),
      ["department", "level", "region", "regions"].map((n) => urn("omni:index:UserAttribute", n)));
    const erin = registrationOf(record, "omni:index:User", "erin");
    assert.deepEqual([...erin.propertyDependencies.attributes].sort(),
      ["department", "region"].map((n) => urn("omni:index:UserAttribute", n)), "only the definitions erin uses");
    // The engine registers a resource only after what it depends on: every definition before any user.
    const at = (type, name) => record.registrations.findIndex((r) => r.type === type && r.name === name);
    assert.ok(["region", "department", "level", "regions"].every((n) => at("omni:index:UserAttribute", n) < at("omni:index:User", "alice")));
  });

  it("puts each role on the model or connection named in the roster, for the user's or group's id", () => {
    const alice = registrationOf(record, "omni:index:UserModelRole", "alice-on-emulator-shared-model");
    assert.deepEqual(alice.wire, { userId: "usr-alice", modelId: "model-shared", roleName: "QUERIER" });
    assert.deepEqual(alice.propertyDependencies.userId, [urn("omni:index:User", "alice")]);
    assert.deepEqual(registrationOf(record, "omni:index:UserModelRole", "dan-on-connection-emulator-warehouse").wire,
      { userId: "usr-dan", connectionId: "conn-1", roleName: "CONNECTION_ADMIN" });
    const engineering = registrationOf(record, "omni:index:GroupModelRole", "engineering-on-emulator-shared-model");
    assert.deepEqual(engineering.wire, { groupId: "grp-engineering", modelId: "model-shared", roleName: "MODELER" });
    assert.deepEqual(engineering.propertyDependencies.groupId, [urn("omni:index:Group", "engineering")]);
    assert.deepEqual(registrationOf(record, "omni:index:GroupModelRole", "finance-analysts-on-emulator-shared-model").wire,
      { groupId: "grp-finance-analysts", modelId: "model-shared", roleName: "VIEWER" });
    // One list of each, however many roles use it.
    assert.deepEqual(record.invokes.map((i) => i.token).sort(), ["omni:index:getConnections", "omni:index:getModels"]);
  });

  it("sends each user's fields and attributes as the roster has them, with the schema's defaults", () => {
    assert.deepEqual(registrationOf(record, "omni:index:User", "alice").wire, {
      userName: "alice@example.com",
      displayName: "Alice Martin",
      attributes: { region: "us-east", department: "Finance", level: "3", regions: ["us", "eu"] },
      active: true,
      adoptExisting: false,
      allowSelfLockout: false,
      deletionMode: "delete",
    });
    const erin = registrationOf(record, "omni:index:User", "erin").wire;
    assert.equal(erin.active, false);
    assert.deepEqual(erin.attributes, { region: "us-west", department: "Support" });
    assert.ok(record.registrations.every((r) => Object.values(r.wire).every((v) => !isWireSecret(v))), "nothing in the roster is secret");
  });

  it("gives each group its members' User ids, so the group depends on them", () => {
    const finance = registrationOf(record, "omni:index:Group", "finance-analysts");
    assert.deepEqual(finance.wire, { displayName: "Finance Analysts", memberIds: ["usr-alice", "usr-carol"], allowSelfLockout: false });
    assert.deepEqual([...finance.propertyDependencies.memberIds].sort(),
      [urn("omni:index:User", "alice"), urn("omni:index:User", "carol")]);
    assert.deepEqual(registrationOf(record, "omni:index:Group", "engineering").wire.memberIds, ["usr-bob", "usr-dan"]);
  });

  it("exports the ids by roster name and the user count", async () => {
    assert.deepEqual(await settle(program.userIds), {
      alice: "usr-alice", bob: "usr-bob", carol: "usr-carol", dan: "usr-dan", erin: "usr-erin",
    });
    assert.equal(program.userCount, 5);
    assert.deepEqual(await settle(program.groupIds), { "finance-analysts": "grp-finance-analysts", engineering: "grp-engineering" });
    assert.deepEqual(await settle(program.attributeIds), { region: "attr-region", department: "attr-department", level: "attr-level", regions: "attr-regions" });
    assert.deepEqual(await settle(program.roleIds), {
      "alice-on-emulator-shared-model": "usr-alice/model-shared",
      "dan-on-connection-emulator-warehouse": "usr-dan/conn-1",
      "finance-analysts-on-emulator-shared-model": "grp-finance-analysts/model-shared",
      "engineering-on-emulator-shared-model": "grp-engineering/model-shared",
    });
  });
});

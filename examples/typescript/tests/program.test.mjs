// The example program (index.ts) under @pulumi/pulumi's mocks, reading examples/gitops/users.yaml: one
// omni:index:User per user, one omni:index:Group per group with its members' ids, and the stack outputs.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { before, describe, it } from "node:test";
import { isWireSecret, registrationOf, settle, startMocks } from "../../../tests/nodejs-sdk/mocks.mjs";
import { buildExample, exampleDir } from "./build.mjs";

const project = "omni-roster-ts";
const urn = (type, name) => `urn:pulumi:stack::${project}::${type}::${name}`;

describe("the TypeScript roster program, under Pulumi's mocks", () => {
  let record;
  let program;
  before(async () => {
    const out = await buildExample();
    record = await startMocks(exampleDir, {
      project,
      config: { [`${project}:roster`]: path.resolve(exampleDir, "../gitops/users.yaml") },
      newResource: ({ type, name, inputs }) => ({
        id: `${type === "omni:index:User" ? "usr" : "grp"}-${name}`,
        state: type === "omni:index:Group" ? { ...inputs, members: (inputs.memberIds ?? []).map((id) => ({ id })) } : inputs,
      }),
      call: () => { throw new Error("the roster program calls no function"); },
    });
    program = createRequire(import.meta.url)(path.join(out, "index.js"));
    await Promise.all([settle(program.userIds), settle(program.groupIds)]);
  });

  it("declares one User per roster user and one Group per roster group", () => {
    assert.deepEqual(record.registrations.map((r) => `${r.type} ${r.name}`).sort(), [
      "omni:index:Group engineering",
      "omni:index:Group finance-analysts",
      "omni:index:User alice",
      "omni:index:User bob",
      "omni:index:User carol",
      "omni:index:User dan",
      "omni:index:User erin",
    ]);
  });

  it("sends each user's fields and attributes as the roster has them, with the schema's defaults", () => {
    assert.deepEqual(registrationOf(record, "omni:index:User", "alice").wire, {
      userName: "alice@example.com",
      displayName: "Alice Martin",
      attributes: { region: "us-east", department: "Finance", level: "3", regions: ["us", "eu"] },
      active: true,
      adoptExisting: false,
      deletionMode: "delete",
    });
    const erin = registrationOf(record, "omni:index:User", "erin").wire;
    assert.equal(erin.active, false);
    assert.deepEqual(erin.attributes, { region: "us-west", department: "Support" });
    assert.ok(record.registrations.every((r) => Object.values(r.wire).every((v) => !isWireSecret(v))), "nothing in the roster is secret");
  });

  it("gives each group its members' User ids, so the group depends on them", () => {
    const finance = registrationOf(record, "omni:index:Group", "finance-analysts");
    assert.deepEqual(finance.wire, { displayName: "Finance Analysts", memberIds: ["usr-alice", "usr-carol"] });
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
  });
});

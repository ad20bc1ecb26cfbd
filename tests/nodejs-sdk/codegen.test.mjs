// The generator (tools/Omni.Codegen) and the committed sdk/nodejs: the committed SDK is exactly what the
// generator writes from sdk/schema.json, and the generator handles any resource, function and type a
// schema may gain (modules, secrets, replaceOnChanges, stateInputs, enums, object inputs), producing
// code that compiles with tsc --strict and registers what the schema says. One file, so the dotnet runs
// (which build the generator) never overlap.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { here, repoRoot, tsc, withLock } from "./build.mjs";
import { isWireSecret, registrationOf, settle, startMocks } from "./mocks.mjs";

const dotnetEnv = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" };
let generator;

/** Builds tools/Omni.Codegen once (incrementally), then runs its dll: the same program `make schema` runs. */
function codegen(root, ...args) {
  return withLock("codegen", async () => {
    if (!generator) {
      const project = path.join(repoRoot, "tools/Omni.Codegen");
      const build = spawnSync("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"], { encoding: "utf8", env: dotnetEnv });
      assert.equal(build.status, 0, `dotnet build tools/Omni.Codegen failed:\n${build.stdout}${build.stderr}`);
      const frameworks = fs.readdirSync(path.join(project, "bin/Release"));
      generator = frameworks.map((tfm) => path.join(project, "bin/Release", tfm, "Omni.Codegen.dll")).find((dll) => fs.existsSync(dll));
      assert.ok(generator, "the build left no Omni.Codegen.dll under tools/Omni.Codegen/bin/Release");
    }

    const run = spawnSync("dotnet", [generator, "--root", root, ...args], { encoding: "utf8", env: dotnetEnv });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  });
}

/** A scratch repository root holding a copy of what the generators read. */
function scratchRoot(schema) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "omni-codegen-"));
  fs.cpSync(path.join(repoRoot, "sdk"), path.join(root, "sdk"), { recursive: true, filter: (s) => !/[\\/](bin|obj|node_modules)$/.test(s) });
  for (const extra of ["README.md", "docs"]) {
    if (fs.existsSync(path.join(repoRoot, extra))) fs.cpSync(path.join(repoRoot, extra), path.join(root, extra), { recursive: true });
  }

  if (schema) fs.writeFileSync(path.join(root, "sdk/schema.json"), JSON.stringify(schema, null, 2));
  return root;
}

describe("the committed sdk/nodejs against the generator", () => {
  it("is exactly what `omni-codegen --check` expects from sdk/schema.json", async () => {
    const { status, output } = await codegen(repoRoot, "--check");
    const nodejsLines = output.split("\n").filter((line) => line.includes("sdk/nodejs"));
    assert.deepEqual(nodejsLines, [], `sdk/nodejs differs from the generator's output; run \`make schema\`:\n${output}`);
    assert.equal(status, 0, output);
  });

  it("reports an edited file and a stray file under sdk/nodejs (so the check above can fail)", async () => {
    const root = scratchRoot();
    try {
      fs.appendFileSync(path.join(root, "sdk/nodejs/user.ts"), "// edited by hand\n");
      fs.writeFileSync(path.join(root, "sdk/nodejs/stray.ts"), "export {};\n");
      const { status, output } = await codegen(root, "--check");
      assert.equal(status, 1, output);
      assert.match(output, /differs: sdk\/nodejs\/user\.ts/);
      assert.match(output, /stale: sdk\/nodejs\/stray\.ts/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

/** sdk/schema.json with a module of its own, as a resource family added later would bring. */
function extendedSchema() {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "sdk/schema.json"), "utf8"));
  schema.pluginDownloadURL = "https://example.com/omni/releases";
  schema.types["omni:connections:Endpoint"] = {
    type: "object",
    description: "Where a connection points.",
    properties: {
      host: { type: "string", description: "The host.", replaceOnChanges: true },
      port: { type: "integer", description: "The port." },
    },
    required: ["host"],
  };
  schema.types["omni:connections:Dialect"] = {
    type: "string",
    description: "The database dialect.",
    enum: [{ value: "postgres", description: "PostgreSQL." }, { name: "BigQuery", value: "bigquery" }],
  };
  const connectionProperties = {
    name: { type: "string", description: "The connection's name. */ must not end the comment." },
    dialect: { $ref: "#/types/omni:connections:Dialect", description: "The dialect." },
    endpoint: { $ref: "#/types/omni:connections:Endpoint", description: "Where it points." },
    password: { type: "string", secret: true, description: "The database password." },
    region: { type: "string", replaceOnChanges: true, deprecationMessage: "Use endpoint instead." },
    labels: { type: "object", additionalProperties: { type: "string" } },
  };
  schema.resources["omni:connections:Connection"] = {
    description: "A database connection.",
    properties: {
      ...connectionProperties,
      dsn: { type: "string", secret: true, description: "The connection string Omni builds." },
    },
    required: ["name", "dialect", "endpoint", "dsn"],
    inputProperties: connectionProperties,
    requiredInputs: ["name", "dialect", "endpoint", "password"],
    stateInputs: { description: "What a lookup may know.", type: "object", properties: { name: { type: "string" } } },
  };
  schema.functions["omni:connections:getConnection"] = {
    description: "Reads a connection.",
    inputs: { type: "object", properties: { endpoint: { $ref: "#/types/omni:connections:Endpoint" } }, required: ["endpoint"] },
    outputs: {
      type: "object",
      properties: { name: { type: "string" }, dialect: { $ref: "#/types/omni:connections:Dialect" } },
      required: ["name"],
    },
  };
  return schema;
}

describe("the generator on a schema with more resources, functions and types", () => {
  let root;
  let sdk;
  let generated;
  before(async () => {
    root = scratchRoot(extendedSchema());
    const { status, output } = await codegen(root);
    assert.equal(status, 0, output);
    generated = (file) => fs.readFileSync(path.join(root, "sdk/nodejs", file), "utf8");
    // Compiled beside this folder's node_modules, so @pulumi/pulumi resolves to the copy the mocks use.
    const work = path.join(here, ".build", "extended");
    fs.rmSync(work, { recursive: true, force: true });
    fs.cpSync(path.join(root, "sdk/nodejs"), work, { recursive: true });
    tsc(here, ["-p", path.join(work, "tsconfig.json"), "--strict"]);
    fs.copyFileSync(path.join(work, "package.json"), path.join(work, "bin/package.json"));
    sdk = path.join(work, "bin");
  });

  it("puts a module's resources and functions in its own folder, exported from the root as a sub-module", () => {
    for (const file of ["connections/index.ts", "connections/connection.ts", "connections/getConnection.ts", "types/enums/index.ts", "types/enums/connections/index.ts"]) {
      assert.ok(fs.existsSync(path.join(root, "sdk/nodejs", file)), `${file} is generated`);
    }

    assert.match(generated("index.ts"), /import \* as connections from "\.\/connections";/);
    assert.match(generated("connections/index.ts"), /pulumi\.runtime\.registerResourceModule\("omni", "connections", _module\)/);
    assert.match(generated("types/input.ts"), /export namespace connections \{[\s\S]*export interface Endpoint \{[\s\S]*export interface EndpointArgs \{/);
    assert.match(generated("utilities.ts"), /pluginDownloadURL: "https:\/\/example\.com\/omni\/releases"/);
    assert.doesNotMatch(generated("connections/connection.ts"), /must not end the comment\.\s*\*\/ must/);
  });

  it("registers the new resource with its secrets, replaceOnChanges paths and enum values", async () => {
    const record = await startMocks(here, {
      newResource: ({ name, inputs }) => ({ id: `${name}-id`, state: { ...inputs, dsn: "postgres://secret" } }),
      call: ({ inputs }) => ({ name: `conn-at-${inputs.endpoint.host}`, dialect: "postgres" }),
    });
    const omni = createRequire(import.meta.url)(path.join(sdk, "index.js"));
    const connection = new omni.connections.Connection("warehouse", {
      name: "Warehouse",
      dialect: omni.connections.Dialect.BigQuery,
      endpoint: { host: "db.example.com", port: 5432 },
      password: "hunter2",
    });
    const found = omni.connections.getConnectionOutput({ endpoint: { host: connection.name } });
    await settle(connection.urn);

    const registration = registrationOf(record, "omni:connections:Connection", "warehouse");
    assert.ok(isWireSecret(registration.wire.password), `password was sent as ${JSON.stringify(registration.wire.password)}`);
    assert.equal(registration.wire.dialect, "bigquery");
    assert.deepEqual(registration.wire.endpoint, { host: "db.example.com", port: 5432 });
    assert.deepEqual(registration.additionalSecretOutputs, ["dsn", "password"]);
    assert.deepEqual(registration.replaceOnChanges, ["endpoint.host", "region"]);
    assert.equal(registration.pluginDownloadURL, "https://example.com/omni/releases");
    assert.equal(await omni.connections.Connection.isInstance(connection), true);
    assert.equal((await settle(found)).name, "conn-at-Warehouse");

    assert.throws(() => new omni.connections.Connection("no-password", { name: "N", dialect: "postgres", endpoint: { host: "h" } }),
      /Missing required property 'password'/);
  });
});

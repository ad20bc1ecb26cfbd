// programs/provider.ts under @pulumi/pulumi's mocks: an explicit provider's inputs and secrets.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildPrograms, here } from "./build.mjs";
import { isWireSecret, registrationOf, settle, startMocks } from "./mocks.mjs";

const require = createRequire(import.meta.url);

describe("an explicit omni provider, under Pulumi's mocks", () => {
  let record;
  let program;
  before(async () => {
    const out = await buildPrograms();
    process.env.OMNI_API_KEY = "key-from-the-environment";
    process.env.OMNI_REQUESTS_PER_MINUTE = "0";
    delete process.env.OMNI_BASE_URL;
    record = await startMocks(here, {
      newResource: ({ name, inputs }) => ({ id: `${name}-id`, state: inputs }),
      call: ({ inputs }) => ({ id: inputs.id, userName: "carol@example.com", displayName: "Carol Nguyen", active: true, attributes: {}, emails: [], groups: [] }),
      config: { "omni:maxRetries": "7", "omni:baseUrl": "https://config.omniapp.co" },
    });
    program = require(path.join(out, "provider.js"));
    await Promise.all([program.explicit, program.fromEnvironment, program.carol].map((r) => settle(r.urn)));
    await settle(program.carolViaProvider);
  });

  it("registers the provider as pulumi:providers:omni with its inputs by their schema names", () => {
    const explicit = registrationOf(record, "pulumi:providers:omni", "explicit");
    assert.equal(explicit.wire.baseUrl, "https://acme.omniapp.co");
    // Pulumi sends a provider's non-string inputs as JSON text; the schema's defaults fill the rest.
    assert.equal(explicit.wire.requestsPerMinute, "0");
    assert.equal(explicit.wire.maxRetries, "5");
    assert.equal(explicit.wire.requestTimeoutSeconds, "30");
  });

  it("sends an API key given in plain text as a secret, and marks it a secret output", () => {
    const explicit = registrationOf(record, "pulumi:providers:omni", "explicit");
    assert.ok(isWireSecret(explicit.wire.apiKey), `apiKey was sent as ${JSON.stringify(explicit.wire.apiKey)}`);
    assert.equal(explicit.wire.apiKey.value, "key-passed-in-plain-text");
    assert.deepEqual(explicit.additionalSecretOutputs, ["apiKey"]);
  });

  it("falls back to OMNI_API_KEY and OMNI_REQUESTS_PER_MINUTE, the key still a secret and 0 kept", () => {
    const fromEnvironment = registrationOf(record, "pulumi:providers:omni", "from-environment");
    assert.ok(isWireSecret(fromEnvironment.wire.apiKey), `apiKey was sent as ${JSON.stringify(fromEnvironment.wire.apiKey)}`);
    assert.equal(fromEnvironment.wire.apiKey.value, "key-from-the-environment");
    assert.equal(fromEnvironment.wire.requestsPerMinute, "0");
    assert.equal(fromEnvironment.wire.baseUrl, undefined);
  });

  it("registers and invokes through the explicit provider when a program passes it", async () => {
    const providerRef = `urn:pulumi:stack::project::pulumi:providers:omni::explicit::explicit-id`;
    assert.equal(registrationOf(record, "omni:index:User", "carol").provider, providerRef);
    const invoke = record.invokes.find((i) => i.token === "omni:index:getUser");
    assert.equal(invoke.provider, providerRef);
    assert.deepEqual(invoke.wire, { id: "carol-id" });
    assert.equal((await settle(program.carolViaProvider)).displayName, "Carol Nguyen");
  });

  it("reads the package config from the stack, with the schema's defaults", () => {
    assert.equal(program.configuredMaxRetries, 7);
    assert.equal(program.configuredBaseUrl, "https://config.omniapp.co");
  });
});

// The conformance harness: plays the Pulumi engine's side of the provider protocol with the gRPC
// client that Pulumi itself publishes (@pulumi/pulumi), so that a passing run proves our C# wire
// format against an implementation we did not write. A library for *.test.mjs files and the demo.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const providerRpc = require('@pulumi/pulumi/proto/provider_grpc_pb.js');
const providerPb = require('@pulumi/pulumi/proto/provider_pb.js');
const pluginPb = require('@pulumi/pulumi/proto/plugin_pb.js');
const engineRpc = require('@pulumi/pulumi/proto/engine_grpc_pb.js');
const statusPb = require('@pulumi/pulumi/proto/status_pb.js');
// Resolved from Pulumi's own proto folder so that Struct is the very class its messages check against.
const requireFromPulumi = createRequire(require.resolve('@pulumi/pulumi/proto/provider_pb.js'));
const { Struct } = requireFromPulumi('google-protobuf/google/protobuf/struct_pb.js');
const { Empty } = requireFromPulumi('google-protobuf/google/protobuf/empty_pb.js');

export { grpc, providerPb };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const emulatorBinary = process.env.OMNI_EMULATOR_BIN ?? path.join(repoRoot, 'bin', 'omni-emulator');
export const pluginBinary = process.env.OMNI_PLUGIN_BIN ?? path.join(repoRoot, 'bin', 'pulumi-resource-omni');

// ---- Property values (protocol doc, section 3) ------------------------------------------------

export const SIG = '4dabf18193072939515e22adb298388d';
export const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
export const UNKNOWN = Object.freeze({
  string: '04da6b54-80e4-46f7-96ec-b56ff0331ba9',
  bool: '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7',
  number: '3eeb2bf0-c639-47a8-9e75-3b44932eb421',
  array: '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2',
  asset: '030794c1-ac77-496b-92df-f27374a8bd58',
  archive: 'e48ece36-62e2-4504-bad9-02848725956a',
  object: 'dd056dcd-154b-4c76-9bd3-c8f88648b5ff',
});
const unknownSentinels = new Set(Object.values(UNKNOWN));

export const secret = (value) => ({ [SIG]: SECRET_SIG, value });
export const isSecret = (v) => v !== null && typeof v === 'object' && v[SIG] === SECRET_SIG;
export const isUnknown = (v) => typeof v === 'string' && unknownSentinels.has(v);

/** Strips secret wrappers at any depth: what a program would see after `apply`. */
export function reveal(v) {
  if (isSecret(v)) return reveal(v.value);
  if (Array.isArray(v)) return v.map(reveal);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
  }
  return v;
}

/** Plain JS → google.protobuf.Struct; `undefined` members are dropped, as a program's would be. */
export function toStruct(obj) {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(obj ?? {})));
}
export const fromStruct = (s) => (s ? s.toJavaScript() : null);

// ---- Process plumbing ------------------------------------------------------------------------

const liveChildren = new Set();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

class ChildProcess {
  constructor(name, child) {
    this.name = name;
    this.child = child;
    this.stdoutChunks = [];
    this.stderrChunks = [];
    // 'close' waits for the pipes too, so stdout/stderr are complete once `exited` resolves; a
    // binary that cannot be started emits only 'error'.
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => { if (child.pid === undefined) resolve({ code: null, signal: null, error }); });
    });
    this.exitInfo = null;
    this.exited.then((info) => { this.exitInfo = info; liveChildren.delete(child); });
    child.stderr.on('data', (c) => this.stderrChunks.push(c));
    liveChildren.add(child);
  }
  get stderr() { return Buffer.concat(this.stderrChunks).toString('utf8'); }
  get stdout() { return Buffer.concat(this.stdoutChunks).toString('utf8'); }

  /** Asks politely (the engine sends SIGINT), then kills after `graceMs`, as the engine does after 5 s. */
  async stop(signal = 'SIGINT', graceMs = 5000) {
    if (this.exitInfo) return this.exitInfo;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]);
}

export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', resolve).once('error', reject));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once `predicate()` is truthy (returning its value); for effects that arrive asynchronously. */
export async function waitFor(predicate, { timeoutMs = 5000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const randomKey = (prefix = 'omni_org_key') => `${prefix}_${randomBytes(16).toString('hex')}`;
export const uniqueEmail = (who = 'user') => `${who}.${randomBytes(4).toString('hex')}@example.com`;

// The plugin must not read a developer's own Omni settings from the environment.
export function scrubbedEnv(extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('OMNI_') || k.startsWith('PULUMI_')) delete env[k];
  return { ...env, ...extra };
}

// ---- The emulator ------------------------------------------------------------------------------

const SCIM = '/api/scim/v2';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER_ATTRIBUTES = 'urn:omni:params:1.0:UserAttribute';

export class Emulator {
  constructor(proc, baseUrl, apiKey) {
    this.process = proc;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  async request(method, urlPath, { body, token = this.apiKey, auth = true } = {}) {
    const headers = { accept: 'application/json' };
    if (auth) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + urlPath, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
    return { status: res.status, body: json ?? text };
  }

  async expectOk(method, urlPath, options, ...okStatuses) {
    const res = await this.request(method, urlPath, options);
    if (!okStatuses.includes(res.status)) {
      throw new Error(`emulator: ${method} ${urlPath} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  // SCIM, as an Omni admin (or an identity provider) would call it, outside Pulumi.
  async getUser(id) {
    const res = await this.request('GET', `${SCIM}/users/${encodeURIComponent(id)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`emulator: GET user ${id} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async findUsers(userName) {
    const filter = encodeURIComponent(`userName eq "${userName}"`);
    const body = await this.expectOk('GET', `${SCIM}/users?filter=${filter}`, {}, 200);
    return body.Resources ?? [];
  }
  createUser({ userName, displayName, attributes }) {
    const body = { userName, displayName };
    if (attributes) body[USER_ATTRIBUTES] = attributes;
    return this.expectOk('POST', `${SCIM}/users`, { body }, 201);
  }
  patchUser(id, operations) {
    return this.expectOk('PATCH', `${SCIM}/users/${encodeURIComponent(id)}`,
      { body: { schemas: [PATCH_OP], Operations: operations } }, 200);
  }
  renameUser(id, displayName) {
    return this.patchUser(id, [{ op: 'replace', path: 'displayName', value: displayName }]);
  }
  deleteUser(id) {
    return this.expectOk('DELETE', `${SCIM}/users/${encodeURIComponent(id)}`, {}, 204);
  }
  userAttributes() {
    return this.expectOk('GET', '/api/v1/user-attributes', {}, 200);
  }

  // The emulator's admin API (CONTRACTS.md): loopback only, no auth.
  counters() { return this.expectOk('GET', '/__emulator/counters', { auth: false }, 200); }
  async countOf(route) { return (await this.counters()).byRoute?.[route]?.total ?? 0; }
  async addFault(rule) { return (await this.expectOk('POST', '/__emulator/faults', { body: rule, auth: false }, 201)).id; }
  clearFaults() { return this.expectOk('DELETE', '/__emulator/faults', { auth: false }, 204); }
  reset() { return this.expectOk('POST', '/__emulator/reset', { auth: false }, 204); }

  stop() { return this.process.stop('SIGTERM'); }
}

const listeningUrl = /(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+))/g;

async function launchEmulator(urls, args) {
  const child = spawn(emulatorBinary, ['--urls', urls, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: scrubbedEnv() });
  const proc = new ChildProcess('omni-emulator', child);
  const spawnFailed = new Promise((_, reject) => child.once('error', reject));
  const printedUrl = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      proc.stdoutChunks.push(chunk);
      for (const m of proc.stdout.matchAll(listeningUrl)) {
        if (Number(m[2]) !== 0) return resolve(m[1]);
      }
    });
    proc.exited.then(({ code, signal }) => reject(new Error(
      `omni-emulator exited (${code ?? signal}) before printing its URL.\nstdout:\n${proc.stdout}\nstderr:\n${proc.stderr}`)));
  });
  try {
    return { proc, baseUrl: await withTimeout(Promise.race([printedUrl, spawnFailed]), 30000, 'omni-emulator to print its base URL') };
  } catch (err) {
    await proc.stop('SIGKILL');
    throw err;
  }
}

/**
 * Starts bin/omni-emulator with a random org key and no rate limit, in memory unless `dataDir` is
 * given, and waits until its admin API answers.
 */
export async function startEmulator({ apiKey = randomKey(), pats = [], dataDir, requestsPerMinute = 0, extraArgs = [] } = {}) {
  const args = [...(dataDir ? ['--data', dataDir] : ['--in-memory']), '--api-key', apiKey,
    '--requests-per-minute', String(requestsPerMinute), ...pats.flatMap((p) => ['--pat', p]), ...extraArgs];
  let launched;
  try {
    launched = await launchEmulator('http://127.0.0.1:0', args);
  } catch (err) {
    // An emulator that cannot report a port-0 binding still works on a port we pick ourselves.
    if (/ENOENT/.test(String(err))) throw new Error(`${emulatorBinary} not found: run \`make build\` first`);
    launched = await launchEmulator(`http://127.0.0.1:${await freePort()}`, args);
  }
  const emulator = new Emulator(launched.proc, launched.baseUrl.replace(/\/+$/, ''), apiKey);
  await waitFor(async () => {
    try { return (await emulator.request('GET', '/__emulator/counters', { auth: false })).status === 200; } catch { return false; }
  }, { timeoutMs: 15000, what: 'the emulator admin API' });
  return emulator;
}

// ---- The fake engine ---------------------------------------------------------------------------

const unimplemented = (name) => (_call, callback) =>
  callback({ code: grpc.status.UNIMPLEMENTED, details: `fake engine: ${name} is not implemented` });

/** The Engine service a provider logs to; every Log request is recorded in `logs`. */
export async function startFakeEngine() {
  const server = new grpc.Server();
  const logs = [];
  server.addService(engineRpc.EngineService, {
    log(call, callback) {
      const r = call.request;
      logs.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn(), streamId: r.getStreamid(), ephemeral: r.getEphemeral() });
      callback(null, new Empty());
    },
    getRootResource: unimplemented('GetRootResource'),
    setRootResource: unimplemented('SetRootResource'),
    startDebugging: unimplemented('StartDebugging'),
    requirePulumiVersion: unimplemented('RequirePulumiVersion'),
  });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())).then(() => server.forceShutdown()),
  };
}

export const LogSeverity = Object.freeze({ DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 });

// ---- The plugin --------------------------------------------------------------------------------

// .NET may wrap its output in terminal progress escapes; the engine strips them (pulumi PR #17783).
const progressEscapes = /\x1b\]9;4;\d;\x1b\\/g;

/**
 * Spawns the plugin exactly as the engine does and reads the port from the first stdout line.
 * Anything other than the port (and the progress escapes) before the first newline is a failure.
 */
export async function startPlugin({ engineAddress, args = ['--logtostderr', '-v=9'], env = {}, binary = pluginBinary } = {}) {
  const argv = engineAddress ? [...args, engineAddress] : args;
  const child = spawn(binary, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: scrubbedEnv(env), cwd: repoRoot });
  const proc = new ChildProcess('pulumi-resource-omni', child);
  const spawnFailed = new Promise((_, reject) => child.once('error', (e) => reject(
    e.code === 'ENOENT' ? new Error(`${binary} not found: run \`make build\` first`) : e)));
  const firstLine = new Promise((resolve, reject) => {
    let resolved = false;
    child.stdout.on('data', (chunk) => {
      proc.stdoutChunks.push(chunk);
      if (resolved) return;
      const text = proc.stdout;
      const nl = text.indexOf('\n');
      if (nl >= 0) { resolved = true; resolve(text.slice(0, nl)); }
    });
    proc.exited.then(({ code, signal }) => reject(new Error(
      `pulumi-resource-omni exited (${code ?? signal}) before printing its port.\nstdout:\n${proc.stdout}\nstderr:\n${proc.stderr}`)));
  });
  let port;
  try {
    const line = await withTimeout(Promise.race([firstLine, spawnFailed]), 30000, 'pulumi-resource-omni to print its port');
    const cleaned = line.replace(progressEscapes, '').trim();
    if (!/^\d+$/.test(cleaned)) {
      throw new Error(`the plugin's first stdout line must be its port and nothing else, got ${JSON.stringify(line)}`);
    }
    port = Number(cleaned);
  } catch (err) {
    await proc.stop('SIGKILL');
    throw err;
  }
  return new Plugin(proc, port);
}

function promisify(client, method) {
  return (request, { timeoutMs = 60000 } = {}) => new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + timeoutMs }, (err, response) => {
      if (err) {
        err.rpc = method;
        err.initFailure = decodeInitFailure(err);
        reject(err);
      } else resolve(response);
    });
  });
}

/**
 * Reads the ErrorResourceInitFailed detail the engine looks for after a partial failure
 * (google.rpc.Status in the grpc-status-details-bin trailer); null when there is none.
 */
export function decodeInitFailure(err) {
  const raw = err?.metadata?.get?.('grpc-status-details-bin')?.[0];
  if (!raw) return null;
  const status = statusPb.Status.deserializeBinary(new Uint8Array(raw));
  for (const any of status.getDetailsList()) {
    if (any.getTypeUrl() === 'type.googleapis.com/pulumirpc.ErrorResourceInitFailed') {
      const detail = providerPb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      return {
        statusCode: status.getCode(),
        statusMessage: status.getMessage(),
        id: detail.getId(),
        properties: fromStruct(detail.getProperties()),
        inputs: fromStruct(detail.getInputs()),
        reasons: detail.getReasonsList(),
      };
    }
  }
  return null;
}

export const USER_TYPE = 'omni:index:User';
export const PROVIDER_TYPE = 'pulumi:providers:omni';
export const urnOf = (name, type = USER_TYPE, stack = 'dev', project = 'omni-conformance') =>
  `urn:pulumi:${stack}::${project}::${type}::${name}`;
const nameOf = (urn) => urn.split('::').pop();
const typeOf = (urn) => urn.split('::').at(-2);

export const uniqueName = (prefix) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** Check then Create, as `pulumi up` does for a new resource: `{ urn, id, inputs, outputs }`. Check
 * failures and an empty id throw, naming the type. */
export async function checkAndCreate(plugin, type, inputs, resourceName = uniqueName('r')) {
  const urn = urnOf(resourceName, type);
  const checked = await plugin.check({ urn, news: inputs });
  if (checked.failures.length > 0) throw new Error(`check failures for ${type}: ${JSON.stringify(checked.failures)}`);
  const created = await plugin.create({ urn, properties: checked.inputs });
  if (!created.id) throw new Error(`${type} create returned no id`);
  return { urn, id: created.id, inputs: checked.inputs, outputs: created.properties };
}

export const DiffChanges = Object.freeze({ DIFF_UNKNOWN: 0, DIFF_NONE: 1, DIFF_SOME: 2 });
export const DiffKind = Object.freeze({ ADD: 0, ADD_REPLACE: 1, DELETE: 2, DELETE_REPLACE: 3, UPDATE: 4, UPDATE_REPLACE: 5 });

/** Pulumi's own ResourceProviderClient, with plain JS values in and out. */
export class Plugin {
  constructor(proc, port) {
    this.process = proc;
    this.port = port;
    this.client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    this.rpc = new Proxy({}, { get: (_, method) => promisify(this.client, method) });
  }

  get stderr() { return this.process.stderr; }
  /** What the plugin wrote to stdout after the port line (the engine forwards it to its log). */
  get stdoutAfterPort() { return this.process.stdout.split('\n').slice(1).join('\n'); }

  async handshake({ engineAddress, rootDirectory = repoRoot } = {}) {
    const req = new providerPb.ProviderHandshakeRequest();
    if (engineAddress) req.setEngineAddress(engineAddress);
    req.setRootDirectory(rootDirectory);
    req.setProgramDirectory(rootDirectory);
    req.setConfigureWithUrn(true);
    req.setSupportsViews(true);
    req.setInvokeWithPreview(true);
    req.setAcceptsByteString(true);
    return (await this.rpc.handshake(req)).toObject();
  }

  async getPluginInfo() { return (await this.rpc.getPluginInfo(new Empty())).toObject(); }

  async getSchema() {
    const req = new providerPb.GetSchemaRequest();
    req.setVersion(0);
    return JSON.parse((await this.rpc.getSchema(req)).getSchema());
  }

  async #check(method, { urn, olds = {}, news, oldOutputs }) {
    const req = new providerPb.CheckRequest();
    req.setUrn(urn);
    req.setName(nameOf(urn));
    req.setType(typeOf(urn));
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    if (oldOutputs) req.setOldOutputs(toStruct(oldOutputs));
    req.setRandomseed(randomBytes(32));
    const res = await this.rpc[method](req);
    return { inputs: fromStruct(res.getInputs()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
  }
  checkConfig({ urn = urnOf('default', PROVIDER_TYPE), olds, news }) { return this.#check('checkConfig', { urn, olds, news }); }
  check(args) { return this.#check('check', args); }

  async #diff(method, { id = '', urn, olds = {}, news, oldInputs, ignoreChanges = [] }) {
    const req = new providerPb.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setName(nameOf(urn));
    req.setType(typeOf(urn));
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs ?? olds));
    req.setIgnorechangesList(ignoreChanges);
    const res = await this.rpc[method](req);
    const detailedDiff = {};
    res.getDetaileddiffMap().forEach((d, key) => { detailedDiff[key] = { kind: d.getKind(), inputDiff: d.getInputdiff() }; });
    return {
      changes: res.getChanges(),
      replaces: res.getReplacesList(),
      stables: res.getStablesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
      diffs: res.getDiffsList(),
      detailedDiff,
      hasDetailedDiff: res.getHasdetaileddiff(),
    };
  }
  diffConfig({ urn = urnOf('default', PROVIDER_TYPE), ...rest }) { return this.#diff('diffConfig', { urn, ...rest }); }
  diff(args) { return this.#diff('diff', args); }

  async configure({ args, urn = urnOf('default', PROVIDER_TYPE), acceptSecrets = true, acceptResources = true }) {
    const req = new providerPb.ConfigureRequest();
    req.setArgs(toStruct(args));
    req.setAcceptsecrets(acceptSecrets);
    req.setAcceptresources(acceptResources);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    req.setUrn(urn);
    req.setName(nameOf(urn));
    req.setType(typeOf(urn));
    return (await this.rpc.configure(req)).toObject();
  }

  async create({ urn, properties, preview = false, timeout = 0 }) {
    const req = new providerPb.CreateRequest();
    req.setUrn(urn);
    req.setName(nameOf(urn));
    req.setType(typeOf(urn));
    req.setProperties(toStruct(properties));
    req.setPreview(preview);
    req.setTimeout(timeout);
    const res = await this.rpc.create(req);
    return { id: res.getId(), properties: fromStruct(res.getProperties()) };
  }

  /**
   * Refresh passes `properties` and `inputs`. Import passes the `id`, with `properties: {}` and
   * `inputs: {}`: the engine sends an empty Struct there, not an absent one (an empty object here
   * is still sent, as an empty Struct).
   */
  async read({ id, urn, properties, inputs }, options) {
    const req = new providerPb.ReadRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setName(nameOf(urn));
    req.setType(typeOf(urn));
    if (properties) req.setProperties(toStruct(properties));
    if (inputs) req.setInputs(toStruct(inputs));
    const res = await this.rpc.read(req, options);
    return { id: res.getId(), properties: fromStruct(res.getProperties()), inputs: fromStruct(res.getInputs()) };
  }

  async update({ id, urn, olds, news, oldInputs, preview = false, ignoreChanges = [] }) {
    const req = new providerPb.UpdateRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setName(nameOf(urn));
    req.setType(typeOf(urn));
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setOldInputs(toStruct(oldInputs ?? olds));
    req.setPreview(preview);
    req.setIgnorechangesList(ignoreChanges);
    const res = await this.rpc.update(req);
    return { properties: fromStruct(res.getProperties()) };
  }

  async delete({ id, urn, properties, oldInputs }) {
    const req = new providerPb.DeleteRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setName(nameOf(urn));
    req.setType(typeOf(urn));
    req.setProperties(toStruct(properties));
    req.setOldInputs(toStruct(oldInputs ?? properties));
    await this.rpc.delete(req);
  }

  /** What the engine sends after Handshake to a provider it attached to (PULUMI_DEBUG_PROVIDERS). */
  async attach(address) {
    const req = new pluginPb.PluginAttach();
    req.setAddress(address);
    await this.rpc.attach(req);
  }

  async cancel() { await this.rpc.cancel(new Empty(), { timeoutMs: 10000 }); }

  /** The engine's shutdown: Cancel (Unimplemented allowed), then SIGINT, then a kill after 5 s. */
  async stop() {
    if (!this.process.exitInfo) {
      try { await this.cancel(); } catch { /* a dead or cancelled plugin still gets its signal */ }
    }
    this.client.close();
    return this.process.stop('SIGINT', 5000);
  }
}

// ---- Everything together -----------------------------------------------------------------------

/** Provider configuration as a program would set it, the key marked secret as the engine sends it. */
export const providerArgs = (emulator, extra = {}) => ({
  baseUrl: emulator.baseUrl,
  apiKey: secret(emulator.apiKey),
  requestsPerMinute: 6000,
  version: '0.1.0',
  ...extra,
});

/**
 * One emulator, one fake engine and one plugin (handshaken and, unless `configure` is false,
 * configured); `close()` tears all of it down and never throws.
 */
export async function startStack({ configure = true, providerConfig = {}, emulator: sharedEmulator, emulatorOptions } = {}) {
  const closers = [];
  const close = async () => {
    for (const closer of closers.reverse()) {
      try { await closer(); } catch { /* keep tearing down */ }
    }
    closers.length = 0;
  };
  try {
    const emulator = sharedEmulator ?? await startEmulator(emulatorOptions);
    if (!sharedEmulator) closers.push(() => emulator.stop());
    const engine = await startFakeEngine();
    closers.push(() => engine.close());
    const plugin = await startPlugin({ engineAddress: engine.address });
    closers.push(() => plugin.stop());
    const handshake = await plugin.handshake({ engineAddress: engine.address });
    let configured = null;
    if (configure) configured = await plugin.configure({ args: providerArgs(emulator, providerConfig) });
    return { emulator, engine, plugin, handshake, configured, close };
  } catch (err) {
    await close();
    throw err;
  }
}

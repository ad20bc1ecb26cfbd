// The harness itself must be strict where the engine is strict, or the conformance tests prove
// nothing: these checks need no binaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  startPlugin, decodeInitFailure, toStruct, fromStruct, secret, isSecret, isUnknown, reveal, UNKNOWN, grpc, providerPb,
} from './harness.mjs';

const requireFromPulumi = createRequire(createRequire(import.meta.url).resolve('@pulumi/pulumi/proto/provider_pb.js'));
const { Any } = requireFromPulumi('google-protobuf/google/protobuf/any_pb.js');
const statusPb = createRequire(import.meta.url)('@pulumi/pulumi/proto/status_pb.js');

/** A stand-in executable that prints `stdout` and then waits to be stopped. */
async function fakeBinary(t, stdout) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-harness-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'fake-plugin');
  await fs.writeFile(file, `#!/bin/sh\nprintf '${stdout}'\nexec sleep 30\n`, { mode: 0o755 });
  return file;
}

test('a plugin that prints anything before its port is rejected', async (t) => {
  const binary = await fakeBinary(t, 'starting up\\n41234\\n');
  await assert.rejects(startPlugin({ binary, engineAddress: '127.0.0.1:1' }), /first stdout line must be its port/);
});

test('the .NET progress escapes around the port are tolerated, as the engine strips them', async (t) => {
  const binary = await fakeBinary(t, '\\033]9;4;3;\\033\\\\41234\\n');
  const plugin = await startPlugin({ binary, engineAddress: '127.0.0.1:1' });
  try {
    assert.equal(plugin.port, 41234);
  } finally {
    plugin.client.close();
    await plugin.process.stop('SIGKILL');
  }
});

test('a plugin that exits before its port reports its stderr', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-harness-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const binary = path.join(dir, 'crashing-plugin');
  await fs.writeFile(binary, '#!/bin/sh\necho "boom: no engine" >&2\nexit 3\n', { mode: 0o755 });
  await assert.rejects(startPlugin({ binary, engineAddress: '127.0.0.1:1' }), /exited \(3\)[\s\S]*boom: no engine/);
});

test('secrets and unknowns survive the Struct round trip at any depth', () => {
  const value = { a: secret('k'), b: [1, { c: UNKNOWN.bool, d: secret([UNKNOWN.string]) }], e: null };
  const back = fromStruct(toStruct(value));
  assert.deepEqual(back, value);
  assert.ok(isSecret(back.a) && isUnknown(back.b[1].c));
  assert.deepEqual(reveal(back), { a: 'k', b: [1, { c: UNKNOWN.bool, d: [UNKNOWN.string] }], e: null });
});

test('decodeInitFailure reads ErrorResourceInitFailed from grpc-status-details-bin', () => {
  const detail = new providerPb.ErrorResourceInitFailed();
  detail.setId('user-1');
  detail.setProperties(toStruct({ userName: 'a@example.com' }));
  detail.setReasonsList(['PATCH failed']);
  const any = new Any();
  any.pack(detail.serializeBinary(), 'pulumirpc.ErrorResourceInitFailed');
  const status = new statusPb.Status();
  status.setCode(grpc.status.UNKNOWN);
  status.setMessage('PATCH failed');
  status.addDetails(any);
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status.serializeBinary()));

  const failure = decodeInitFailure({ code: grpc.status.UNKNOWN, metadata });
  assert.equal(failure.id, 'user-1');
  assert.deepEqual(failure.properties, { userName: 'a@example.com' });
  assert.deepEqual(failure.reasons, ['PATCH failed']);
  assert.equal(decodeInitFailure({ code: grpc.status.UNKNOWN, metadata: new grpc.Metadata() }), null);
});

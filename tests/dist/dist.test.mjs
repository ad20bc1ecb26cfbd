// Checks `make dist`'s archives as `pulumi plugin install resource omni <version> --file <archive>`
// and a pluginDownloadURL use them: each is unpacked into an empty folder, must hold exactly the
// executable (at the root), LICENSE and README.md, and the executable must be a binary for the
// archive's platform. The ones this machine can run are started as the engine starts a plugin
// (no arguments, port on the first stdout line) and asked for their plugin info and schema over gRPC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { repoRoot, startPlugin } from '../conformance/harness.mjs';

const dist = path.join(repoRoot, 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'sdk', 'schema.json'), 'utf8'));
const hostPlatform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;

// The header of an executable for each os/arch: ELF e_machine, Mach-O cputype, PE machine.
function platformOf(bytes) {
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    return `linux-${{ 0x3e: 'amd64', 0xb7: 'arm64' }[bytes.readUInt16LE(18)] ?? 'unknown'}`;
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    return `darwin-${{ 0x01000007: 'amd64', 0x0100000c: 'arm64' }[bytes.readUInt32LE(4)] ?? 'unknown'}`;
  }
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    return `windows-${{ 0x8664: 'amd64', 0xaa64: 'arm64' }[bytes.readUInt16LE(pe + 4)] ?? 'unknown'}`;
  }
  return 'unknown';
}

test('the manifest and the schema name the same version, and every platform Pulumi publishes has an archive', () => {
  assert.equal(manifest.version, schema.version);
  assert.deepEqual(manifest.archives.map((a) => `${a.os}-${a.arch}`).sort(),
    ['darwin-amd64', 'darwin-arm64', 'linux-amd64', 'linux-arm64', 'windows-amd64']);
  assert.ok(schema.pluginDownloadURL, 'the schema has a pluginDownloadURL');
  const nativeHere = manifest.archives.find((a) => `${a.os}-${a.arch}` === hostPlatform);
  assert.equal(nativeHere?.build, 'native-aot', `the ${hostPlatform} archive is the NativeAOT build`);
});

for (const archive of manifest.archives) {
  const platform = `${archive.os}-${archive.arch}`;
  const exe = archive.os === 'windows' ? 'pulumi-resource-omni.exe' : 'pulumi-resource-omni';

  test(`${archive.file}: installable layout, a ${platform} executable (${archive.build})`, async (t) => {
    assert.equal(archive.file, `pulumi-resource-omni-v${schema.version}-${platform}.tar.gz`);
    const file = path.join(dist, archive.file);
    assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), archive.sha256);
    assert.equal(archive.requires === null, archive.build === 'native-aot', 'a framework-dependent archive says what it needs');

    const entries = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(entries, ['LICENSE', 'README.md', exe].sort(), 'the executable at the root, beside LICENSE and README.md, nothing else');

    const folder = mkdtempSync(path.join(tmpdir(), `omni-dist-${platform}-`));
    t.after(() => rmSync(folder, { recursive: true, force: true }));
    execFileSync('tar', ['-xzf', file, '-C', folder]);
    assert.deepEqual(readdirSync(folder).sort(), entries);
    const binary = path.join(folder, exe);
    assert.ok(statSync(binary).mode & 0o111, 'the executable bit survives the archive');
    assert.equal(platformOf(readFileSync(binary).subarray(0, 4096)), platform);
    assert.match(readFileSync(path.join(folder, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);

    if (platform !== hostPlatform) {
      t.diagnostic(`${platform} cannot run on ${hostPlatform}: layout and header checked, not started`);
      return;
    }
    const plugin = await startPlugin({ binary, args: [] });
    try {
      assert.equal((await plugin.getPluginInfo()).version, schema.version);
      assert.equal((await plugin.getSchema()).version, schema.version);
    } finally {
      await plugin.stop();
    }
  });
}

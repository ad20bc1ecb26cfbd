// Builds the generated TypeScript SDK (sdk/nodejs) the way its package.json says (`tsc`, strict), and
// installs the result as node_modules/@pulumi/omni of a Node project, as `npm install <tarball>` would.
// sdk/nodejs holds sources only: they are compiled in a copy under .build/, where @pulumi/pulumi and
// TypeScript resolve from this folder's node_modules. Test files call these concurrently (node --test
// runs each file in its own process), so every build holds a lock and is skipped when its sources are
// unchanged. `node build.mjs` builds and installs for this folder's tests.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const sdkSource = path.join(repoRoot, "sdk/nodejs");
const buildRoot = path.join(here, ".build");

/** Runs a project's own tsc; throws with the compiler's diagnostics when it fails. */
export function tsc(projectDir, args) {
  const compiler = path.join(projectDir, "node_modules/typescript/bin/tsc");
  if (!fs.existsSync(compiler)) {
    throw new Error(`${compiler} is missing: run \`make node-deps\` (npm ci --prefix ${path.relative(repoRoot, projectDir)}).`);
  }

  const run = spawnSync(process.execPath, [compiler, ...args], { cwd: projectDir, encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`tsc ${args.join(" ")} failed in ${projectDir}:\n${run.stdout}${run.stderr}`);
  }

  return run.stdout;
}

/** A digest of every file under a folder (paths and contents), to tell whether a build is current. */
export function digestOf(...folders) {
  const hash = createHash("sha256");
  for (const folder of folders) {
    for (const file of listFiles(folder)) {
      hash.update(path.relative(folder, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
  }

  return hash.digest("hex");
}

function listFiles(folder) {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !/(^|[\\/])(node_modules|bin|\.build)([\\/]|$)/.test(path.relative(folder, entry.parentPath)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Runs fn while holding a lock folder, so concurrent test processes build one at a time. */
export async function withLock(name, fn) {
  fs.mkdirSync(buildRoot, { recursive: true });
  const lock = path.join(buildRoot, `${name}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      // A lock older than ten minutes belongs to a build that was killed.
      if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 10 * 60_000) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} was held for 5 minutes by another build.`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Compiles sdk/nodejs with `tsc --strict` into an npm package folder (compiled JS, .d.ts, package.json,
 * README.md: what `npm pack` of a built Pulumi SDK holds) and returns that folder.
 */
export async function buildSdk() {
  return withLock("sdk", async () => {
    const work = path.join(buildRoot, "sdk");
    const packageDir = path.join(work, "bin");
    const digest = digestOf(sdkSource);
    const stamp = path.join(work, ".digest");
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest) {
      return packageDir;
    }

    fs.rmSync(work, { recursive: true, force: true });
    fs.cpSync(sdkSource, work, { recursive: true, filter: (source) => !/[\\/](node_modules|bin)$/.test(source) });
    tsc(here, ["-p", path.join(work, "tsconfig.json"), "--strict"]);
    for (const file of ["package.json", "README.md"]) {
      fs.copyFileSync(path.join(work, file), path.join(packageDir, file));
    }

    fs.writeFileSync(stamp, digest);
    return packageDir;
  });
}

/** Puts the built SDK at <project>/node_modules/@pulumi/omni (replacing any older copy). */
export async function installSdk(projectDir) {
  const packageDir = await buildSdk();
  return withLock(`install-${createHash("sha256").update(projectDir).digest("hex").slice(0, 12)}`, async () => {
    const target = path.join(projectDir, "node_modules/@pulumi/omni");
    const stamp = path.join(target, ".digest");
    const digest = fs.readFileSync(path.join(packageDir, "../.digest"), "utf8");
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest) {
      return target;
    }

    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(packageDir, target, { recursive: true });
    fs.writeFileSync(stamp, digest);
    return target;
  });
}

/** Builds the SDK, installs it here and compiles this folder's TypeScript test programs (strict) into .build/programs. */
export async function buildPrograms() {
  await installSdk(here);
  return withLock("programs", async () => {
    const digest = digestOf(path.join(here, "programs"), path.join(here, "node_modules/@pulumi/omni"));
    const out = path.join(buildRoot, "programs");
    const stamp = path.join(out, ".digest");
    if (!(fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest)) {
      fs.rmSync(out, { recursive: true, force: true });
      tsc(here, ["-p", path.join(here, "tsconfig.json")]);
      fs.writeFileSync(stamp, digest);
    }

    return out;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildPrograms();
  console.log(`built sdk/nodejs into ${path.relative(repoRoot, await buildSdk())} and the test programs into ${path.relative(repoRoot, out)}`);
}

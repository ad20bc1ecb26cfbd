// Installs the generated SDK (built from sdk/nodejs by tests/nodejs-sdk/build.mjs) into this example's
// node_modules, as `npm install pulumi-omni-<version>.tgz` would, and compiles the example with its own
// TypeScript (strict) into bin/.
import { createHash } from "node:crypto";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { digestOf, installSdk, tsc, withLock } from "../../../tests/nodejs-sdk/build.mjs";

export const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildExample() {
  const sdk = await installSdk(exampleDir);
  return withLock("example-typescript", async () => {
    const out = path.join(exampleDir, "bin");
    const stamp = path.join(out, ".digest");
    const sources = createHash("sha256");
    for (const file of ["index.ts", "roster.ts", "rosterProgram.ts", "tsconfig.json"]) {
      sources.update(file).update("\0").update(fs.readFileSync(path.join(exampleDir, file))).update("\0");
    }

    const digest = `${digestOf(sdk)}:${sources.digest("hex")}`;
    if (!(fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest)) {
      fs.rmSync(out, { recursive: true, force: true });
      tsc(exampleDir, ["-p", path.join(exampleDir, "tsconfig.json")]);
      fs.writeFileSync(stamp, digest);
    }

    return out;
  });
}

// Compiles the Node server to plain JavaScript, dist/node/server.mjs, so production runs no
// TypeScript loader (tsx) and no per-file transform at start. One esbuild bundle of our own code
// (the JSON of flows/ and locales/ inlined); npm packages stay in node_modules.
//   node scripts/build-server.mjs               build now
//   node scripts/build-server.mjs --if-changed  only when a file it was built from changed (npm start)
// The bundle sits two folders below the project, as src/db/*.ts does, so the paths those files
// resolve from their own location (../../prisma: migrations) mean the same from the bundle.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist/node/server.mjs");
/** The files the last build read, with the time it started: what --if-changed compares. */
const stampFile = join(root, "dist/node/inputs.json");
const ALSO_READ = ["package.json", "tsconfig.json", "scripts/build-server.mjs"];

function upToDate() {
  if (!existsSync(outfile) || !existsSync(stampFile)) return false;
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(stampFile, "utf8"));
    // A file changed since the build started, or is gone (renamed, deleted): build again.
    return inputs.every((file) => existsSync(join(root, file)) && statSync(join(root, file)).mtimeMs < builtAt);
  } catch {
    return false;
  }
}

if (process.argv.includes("--if-changed") && upToDate()) process.exit(0);

const started = Date.now();
const { build } = await import("esbuild");
const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/entry/node.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  packages: "external",
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
});
const inputs = [...Object.keys(result.metafile.inputs).map((file) => relative(root, join(root, file))), ...ALSO_READ];
writeFileSync(stampFile, JSON.stringify({ builtAt: started, inputs }, null, 1));
console.error(`built ${relative(root, outfile)} from ${inputs.length} files in ${Date.now() - started} ms`);

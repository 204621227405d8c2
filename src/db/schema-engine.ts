// Prisma's own schema engine, compiled to Wasm, so migrations work without the native binary
// that the Prisma CLI would download (unreachable here). Node-only: it reads the .wasm file.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

let loaded: Promise<typeof bindings> | undefined;

// The package's entry imports the .wasm as an ES module, which Node only does behind a flag
// (or with a warning). Instantiating it by hand works the same on every Node version.
async function loadBindings(): Promise<typeof bindings> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loaded;
}

export async function openSchemaEngine(
  schemaText: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: (message: string) => void = () => {},
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  return SchemaEngine.new(
    { datamodels: [["schema.prisma", schemaText]] },
    (message: string) => log(message),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}

// Workers: one Prisma client per isolate, one database connection per request. A socket opened
// while serving one request cannot be used by another (workerd refuses cross-request I/O), so a
// pool kept across requests would fail; building a Prisma client per request would rebuild its
// query compiler each time. This adapter sits between the two: the client (built once) talks to
// it, and it hands every query to the pool of the request it runs in (AsyncLocalStorage).
import { AsyncLocalStorage } from "node:async_hooks";
import type { ConnectionInfo, IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";

/** The connection of one request (or one cron run): opened on its first query, closed by `close`. */
export interface RequestConnection {
  adapter(): Promise<SqlDriverAdapter>;
  close(): Promise<void>;
}

export interface RequestScopedDatabase {
  /** Give this to the PrismaClient built once per isolate. */
  factory: SqlDriverAdapterFactory;
  /**
   * Runs `work` with a connection of its own; the caller closes it when the request's last task is
   * done. `open` makes that connection's adapter (e.g. `new PrismaPg({...}).connect()`) from the
   * request's own bindings; it is called lazily, so a request that never touches the database (a
   * 401, /help) opens nothing.
   */
  run<T>(open: () => Promise<SqlDriverAdapter>, work: () => T): { result: T; connection: RequestConnection };
}

export function requestScopedDatabase(info: ConnectionInfo = { supportsRelationJoins: true }): RequestScopedDatabase {
  const storage = new AsyncLocalStorage<RequestConnection>();

  const current = (): Promise<SqlDriverAdapter> => {
    const connection = storage.getStore();
    if (!connection) return Promise.reject(new Error("database used outside a request (run it inside requestScopedDatabase().run)"));
    return connection.adapter();
  };

  const delegate: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    queryRaw: async (query: SqlQuery) => (await current()).queryRaw(query),
    executeRaw: async (query: SqlQuery) => (await current()).executeRaw(query),
    executeScript: async (script: string) => (await current()).executeScript(script),
    startTransaction: async (isolationLevel?: IsolationLevel) => (await current()).startTransaction(isolationLevel),
    getConnectionInfo: () => info,
    // Each request's connection is closed by its own `close`; the isolate's client keeps nothing.
    dispose: async () => undefined,
  };

  return {
    factory: { provider: "postgres", adapterName: "@prisma/adapter-pg", connect: async () => delegate },
    run(open, work) {
      let opened: Promise<SqlDriverAdapter> | undefined;
      let closed = false;
      const connection: RequestConnection = {
        // Work left running after its request ended must fail, not open a connection nobody closes.
        adapter: () => (closed ? Promise.reject(new Error("the request's database connection is closed")) : (opened ??= open())),
        close: async () => {
          closed = true;
          const adapter = await opened?.catch(() => undefined);
          await adapter?.dispose();
        },
      };
      return { result: storage.run(connection, work), connection };
    },
  };
}

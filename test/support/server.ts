// A real server on a real port for integration tests: PostgreSQL when TEST_DATABASE_URL is set,
// otherwise an in-memory PGlite of the test file's own.
import type { Clock } from "../../src/server/clock";
import { loadConfig } from "../../src/server/config";
import { openDatabase } from "../../src/server/db/client";
import { type Server, startServer } from "../../src/server/main";

export const databaseUrl = process.env.TEST_DATABASE_URL;
export const databaseKind = databaseUrl ? "postgres" : "pglite";

export interface TestServerOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** The built web client to serve; API tests leave it out so they never depend on a build. */
  webRoot?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<Server> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...options.env }, { PORT: 0 });
  const database = databaseUrl
    ? await openDatabase({ url: databaseUrl, poolSize: 6 })
    : await openDatabase({ memory: true });
  const server = await startServer(config, {
    clock: options.clock,
    database,
    webRoot: options.webRoot ?? "/nonexistent",
  });
  return {
    ...server,
    async close() {
      await server.close();
      await database.close();
    },
  };
}

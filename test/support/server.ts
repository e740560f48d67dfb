// A real server on a real port for integration tests: PostgreSQL when TEST_DATABASE_URL is set,
// otherwise an in-memory PGlite of the test file's own.
import { tmpdir } from "node:os";
import path from "node:path";
import type { Clock } from "../../src/server/clock";
import { loadConfig } from "../../src/server/config";
import { openDatabase } from "../../src/server/db/client";
import { type Server, startServer } from "../../src/server/main";

export const databaseUrl = process.env.TEST_DATABASE_URL;
/**
 * CSV exports of every test server, in one folder as an installation's processes share one: on PostgreSQL
 * any test server's runner may run any job, and any server must then be able to serve its file.
 */
export const testExportsDir = path.join(tmpdir(), "switchboard-test-exports");
export const databaseKind = databaseUrl ? "postgres" : "pglite";

export interface TestServerOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** The built web client to serve; API tests leave it out so they never depend on a build. */
  webRoot?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<Server> {
  const config = loadConfig({ LOG_LEVEL: "silent", EXPORTS_DIR: testExportsDir, ...options.env }, { PORT: 0 });
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

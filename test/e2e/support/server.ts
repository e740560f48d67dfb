// The whole system in the test's process: a real server on a real port, serving the built web client
// (dist/web, built by global-setup.ts) over the test database — PGlite in memory unless TEST_DATABASE_URL.
import { defaultWebRoot, type Server } from "../../../src/server/main";
import { startTestServer, type TestServerOptions } from "../../support/server";

export function startE2eServer(options: Omit<TestServerOptions, "webRoot"> = {}): Promise<Server> {
  return startTestServer({ ...options, webRoot: defaultWebRoot });
}

// A server in its own process, for tests that need two processes on one database or a kill and restart.
// Prints one JSON line {url} once it listens.
import { loadConfig } from "../../src/server/config";
import { startServer } from "../../src/server/main";

const server = await startServer(loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" }));
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", () => {
  server.close().then(() => process.exit(0));
});

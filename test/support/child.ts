// Starts test/support/child-server.ts as a separate process and waits until it listens.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Server } from "../../src/server/main";
import { databaseKind, databaseUrl, startTestServer, testExportsDir } from "./server";

export interface ChildServer {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const entry = path.join(import.meta.dirname, "child-server.ts");
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...process.env, PORT: "0", EXPORTS_DIR: testExportsDir, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.once("exit", (code) => reject(new Error(`child server exited with ${code}`)));
    child.stdout?.on("data", (chunk) => {
      buffer += chunk;
      const line = buffer.split("\n")[0];
      if (!buffer.includes("\n")) return;
      const { url } = JSON.parse(line);
      resolve({
        url,
        process: child,
        stop: (signal = "SIGTERM") =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill(signal);
          }),
      });
    });
  });
}

/**
 * This test file's server and, on PostgreSQL, a second server process on the same database (`other` is null
 * on PGlite, where one process owns the data). Registers its own beforeAll and afterAll.
 */
export function serverAndNeighbour() {
  const servers: { main: Server; other: ChildServer | null } = { main: undefined as never, other: null };
  beforeAll(async () => {
    servers.main = await startTestServer();
    if (databaseKind === "postgres") servers.other = await startChildServer({ DATABASE_URL: databaseUrl as string });
  });
  afterAll(async () => {
    await servers.other?.stop();
    await servers.main?.close();
  });
  return servers;
}

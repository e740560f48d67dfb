// The server under test as seen from the load generator: a child process running server-process.ts on a
// free port against the given database, with warnings-only logging. BENCH_SERVER_NODE_ARGS passes flags to
// that process only, e.g. "--cpu-prof --cpu-prof-dir=bench/out" to profile the server under load.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChildProcessCalls } from "./child-process";
import type { BenchDatabase } from "./databases";
import type { BenchOrganization } from "./organization";

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "server-process.ts");

export class BenchServer {
  private constructor(
    private readonly process: ChildProcessCalls,
    readonly url: string,
  ) {}

  static async start(database: BenchDatabase): Promise<BenchServer> {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn", PORT: "0", ...database.env };
    if (!("DATABASE_URL" in database.env)) delete env.DATABASE_URL;
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
    const child = await ChildProcessCalls.start(`server (${database.kind})`, entry, env, nodeArgs);
    return new BenchServer(child, await child.call<string>("url"));
  }

  createOrganization(name: string, agents: number) {
    return this.process.call<BenchOrganization>("createOrganization", { name, agents });
  }

  seedLiveSessions(org: BenchOrganization, count: number, activeShare: number) {
    return this.process.call<{ queued: number; active: number; seconds: number }>("seedLiveSessions", {
      org,
      count,
      activeShare,
    });
  }

  stop() {
    return this.process.stop();
  }
}

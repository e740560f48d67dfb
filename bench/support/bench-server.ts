// The server under test as seen from the load generator: a child process running server-process.ts on a
// free port against the given database, with warnings-only logging. BENCH_SERVER_NODE_ARGS passes flags to
// that process only, e.g. "--cpu-prof --cpu-prof-dir=bench/out" to profile the server under load.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AssignmentOrganization } from "./assignment-organization";
import { ChildProcessCalls } from "./child-process";
import type { BenchDatabase } from "./databases";
import type { BenchOrganization } from "./organization";

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "server-process.ts");

export class BenchServer {
  private constructor(
    private readonly process: ChildProcessCalls,
    readonly url: string,
  ) {}

  /** `webRoot`: a built web client to serve (the browser benchmark); by default the server serves none. */
  static async start(database: BenchDatabase, options: { webRoot?: string } = {}): Promise<BenchServer> {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn", PORT: "0", ...database.env };
    if (options.webRoot) env.BENCH_WEB_ROOT = options.webRoot;
    else delete env.BENCH_WEB_ROOT;
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

  createAssignmentOrganization(input: {
    name: string;
    teams: number;
    agentsPerTeam: number;
    limit: number;
    autoAccept: boolean;
  }) {
    return this.process.call<AssignmentOrganization>("createAssignmentOrganization", input);
  }

  /** The server's process id, to read its resident memory from /proc. */
  get pid(): number {
    return this.process.pid ?? Number.NaN;
  }

  stop() {
    return this.process.stop();
  }
}

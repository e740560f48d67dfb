// Entry point of the server under test, run as its own process (so the load generator does not share its
// event loop): the real startServer with PORT, DATABASE_URL or DATA_DIR and LOG_LEVEL from the
// environment, plus calls to set up organizations through the domain. BENCH_WEB_ROOT, when set, is the
// built web client it serves (the browser benchmark); otherwise it serves none.
import { loadConfig } from "../../src/server/config";
import { startServer } from "../../src/server/main";
import { createAssignmentOrganization } from "./assignment-organization";
import { serveCalls } from "./child-process";
import { type BenchOrganization, createBenchOrganization, seedLiveSessions } from "./organization";

const config = loadConfig(process.env, { PORT: 0 });
const server = await startServer(config, { webRoot: process.env.BENCH_WEB_ROOT || "/nonexistent" });

serveCalls({
  url: () => server.url,
  createOrganization: (input: { name: string; agents: number }) => createBenchOrganization(server, input),
  seedLiveSessions: (input: { org: BenchOrganization; count: number; activeShare: number }) =>
    seedLiveSessions(server, input),
  createAssignmentOrganization: (input: {
    name: string;
    teams: number;
    agentsPerTeam: number;
    limit: number;
    autoAccept: boolean;
  }) => createAssignmentOrganization(server, input),
  close: () => server.close(),
});

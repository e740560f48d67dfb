// An export running when its server dies is picked up again after the restart and finishes once, into one
// file. On embedded PGlite (a data folder on disk) a child server is killed mid-export and restarted; the
// restarted server knows it is the only one and takes the job back at once. On PostgreSQL the job runs
// again when the dead runner's lease lapses, whichever process then claims it.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../test/support/api";
import { startChildServer } from "../../../test/support/child";
import { downloadExport, parseCsv, requestExport, waitForExport } from "../../../test/support/exports";
import { createTestOrg, type TestOrg } from "../../../test/support/fixtures";
import { databaseKind, startTestServer, testExportsDir } from "../../../test/support/server";
import { loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { exportJobs } from "../db/schema";
import { createExportJob } from "../domain/exports/jobs";
import { type Server, startServer } from "../main";
import { seedDemoHistory } from "../sim/demo-history";

const lastMonth = () => {
  const now = Date.now();
  return { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
};

async function expectOneCompleteFile(api: ApiClient, jobId: string, sessions: number, exportsDir: string) {
  const done = await waitForExport(api, jobId, ["complete", "failed"], 60_000);
  expect(done).toMatchObject({ status: "complete", rowCount: sessions });
  const [, ...rows] = parseCsv((await downloadExport(api, jobId)).text);
  expect(rows).toHaveLength(sessions);
  expect(readdirSync(exportsDir).filter((name) => name.startsWith(jobId))).toEqual([`${jobId}.csv`]);
}

async function organizationWithHistory(server: Server): Promise<{ org: TestOrg; sessions: number }> {
  const org = await createTestOrg(server);
  const history = await seedDemoHistory(server.services.db, org.org.id, new Date(), { days: 14, perWeekday: 300 });
  return { org, sessions: history.sessions };
}

if (databaseKind === "pglite") {
  describe("an export interrupted by a crash (embedded PGlite, data on disk)", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-export-restart-"));
    const env = { DATA_DIR: dataDir, EXPORTS_DIR: path.join(dataDir, "exports") };
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("is picked up again when the server restarts and completes once, into one file", async () => {
      const setup = await startServer(loadConfig({ LOG_LEVEL: "silent", ...env }, { PORT: 0 }), {
        webRoot: "/nonexistent",
      });
      const { org, sessions } = await organizationWithHistory(setup);
      await setup.close(); // one process owns the folder: hand it to the child

      // Reading one row at a time keeps the first process busy long enough to be killed mid-export.
      let child = await startChildServer({ ...env, EXPORT_BATCH_ROWS: "1" });
      const api = () => new ApiClient(child.url, { cookie: org.supervisor.sessionToken });
      const job = await requestExport(api(), { range: lastMonth() });
      const seen = await waitForExport(api(), job.id, ["running", "complete", "failed"]);
      expect(seen.status).toBe("running");
      await child.stop("SIGKILL");

      child = await startChildServer(env);
      try {
        await expectOneCompleteFile(api(), job.id, sessions, env.EXPORTS_DIR);
      } finally {
        await child.stop();
      }
      // Claimed twice: by the process that died, and by the one after the restart.
      const database = await openDatabase({ dataDir });
      const [row] = await database.db
        .select({ attempts: exportJobs.attempts })
        .from(exportJobs)
        .where(eq(exportJobs.id, job.id));
      await database.close();
      expect(row.attempts).toBe(2);
    });
  });
} else {
  describe("an export interrupted by a crash (PostgreSQL)", () => {
    it("runs again once the dead runner's lease lapses, and completes once, into one file", async () => {
      const server = await startTestServer();
      try {
        const { org, sessions } = await organizationWithHistory(server);
        // As a runner leaves a job when its process dies mid-export: claimed, leased for 2 s, never renewed.
        // Written in the transaction that creates the job, so no live runner can claim it first.
        const job = await server.services.writer.run(org.org.id, async (ctx) => {
          const created = await createExportJob(ctx, org.supervisor.user.id, { range: lastMonth(), filters: {} });
          await ctx.tx
            .update(exportJobs)
            .set({
              status: "running",
              workerId: "a process that died",
              attempts: 1,
              leaseUntil: sql`now() + interval '2 seconds'`,
            })
            .where(eq(exportJobs.id, created.id));
          return created;
        });
        expect((await org.supervisor.api.get(`/exports/${job.id}`)).body.status).toBe("running");
        await expectOneCompleteFile(org.supervisor.api, job.id, sessions, testExportsDir);
        const [row] = await server.services.db
          .select({ attempts: exportJobs.attempts, workerId: exportJobs.workerId })
          .from(exportJobs)
          .where(eq(exportJobs.id, job.id));
        expect(row.attempts).toBe(2);
        expect(row.workerId).not.toBe("a process that died");
      } finally {
        await server.close();
      }
    });
  });
}

// CSV exports as background jobs: the reference's columns, a round trip through a standard parser over
// names that break naive CSV, the formula guard, the list of jobs, and (on PostgreSQL) two server
// processes sharing the jobs so that each runs exactly once.
import { readdirSync } from "node:fs";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer } from "../../../../test/support/child";
import { downloadExport, parseCsv, requestExport, waitForExport } from "../../../../test/support/exports";
import { createTestOrg, handoff, handoffBody } from "../../../../test/support/fixtures";
import { accept, end, moveClockTo, placeChat, seconds, transfer } from "../../../../test/support/history";
import { databaseKind, databaseUrl, startTestServer, testExportsDir } from "../../../../test/support/server";
import { handoffRequestSchema } from "../../../shared/sessions";
import { manualClock } from "../../clock";
import { exportJobs } from "../../db/schema";
import { exportHeader } from "../../domain/exports/csv";
import { createExportJob } from "../../domain/exports/jobs";
import { createHandoff } from "../../domain/sessions/handoff";
import type { Server } from "../../main";

const clock = manualClock(new Date("2026-04-06T08:00:00Z"));
let server: Server;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server?.close());

const range = { from: "2026-04-06T00:00:00.000Z", to: "2026-04-07T00:00:00.000Z" };

describe("CSV export", () => {
  it("is a job: 202 at once, then complete, and the file has the reference's columns in its order", async () => {
    const org = await createTestOrg(server);
    await placeChat(server, clock, org, { at: "2026-04-06T09:00:00Z", waitS: 45, endS: 300 });
    const job = await requestExport(org.supervisor.api, { range });
    expect(job).toMatchObject({ status: "queued", range, filters: {}, downloadUrl: null });
    const done = await waitForExport(org.supervisor.api, job.id);
    expect(done).toMatchObject({ status: "complete", rowCount: 1, downloadUrl: `/api/v1/exports/${job.id}/download` });
    expect(done.fileName).toBe("switchboard-sessions-2026-04-06T0000Z-to-2026-04-07T0000Z.csv");

    const file = await downloadExport(org.supervisor.api, job.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${done.fileName}"`);
    expect(Number(file.headers.get("content-length"))).toBe(done.byteCount);
    const [header, ...rows] = parseCsv(file.text);
    expect(header).toEqual([...exportHeader]);
    expect(header).toEqual([
      "Conversation ID",
      "Total time (s)",
      "Requested at (UTC)",
      "Accepted at (UTC)",
      "Ended at (UTC)",
      "Status",
      "User name",
      "Live agent",
      "User email",
      "Wait time (s)",
      "Conversation duration (s)",
      "Channel name",
      "Channel type",
      "Team",
      "Routing rule",
      "Bot name",
      "Bot ID",
    ]);
    expect(rows).toHaveLength(1);
    const bots = (await org.supervisor.api.get("/bots")).body.bots as { id: string; name: string }[];
    expect(rows[0]).toEqual([
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      "300",
      "2026-04-06T09:00:00.000Z",
      "2026-04-06T09:00:45.000Z",
      "2026-04-06T09:05:45.000Z",
      "Ended (resolved)",
      expect.stringMatching(/^Customer /),
      "Alice Agent",
      "customer@example.test",
      "45",
      "300",
      "Website",
      "web",
      "General",
      "",
      "Helper Bot",
      bots.find((b) => b.name === "Helper Bot")?.id,
    ]);
  });

  it("round-trips names with commas, quotes, newlines and emoji, and neutralises cells a spreadsheet would run", async () => {
    const org = await createTestOrg(server);
    const names = [
      "Doe, Jane",
      'Robert "Bobby" Tables',
      "Line one\nline two",
      "Zoë 😀 Ünïcødé",
      '=HYPERLINK("http://evil.example","click")',
      "+SUM(1,2)",
      "-2+3",
      "@cmd",
    ];
    for (const [i, name] of names.entries()) {
      await placeChat(server, clock, org, {
        at: new Date(Date.parse("2026-04-06T10:00:00Z") + i * 60_000),
        waitS: 5,
        endS: 10,
        request: { customer: { name }, channel: { name: i === 0 ? '=Web, "chat"' : "Website", type: "web" } },
      });
    }
    // The API trims names, so a leading tab or carriage return only reaches the database another way (an
    // import, an older row): put two there through the domain's hand-off itself.
    for (const name of ["\tTabbed", "\rCarriage"]) {
      clock.advance(60_000);
      names.push(name);
      const request = handoffRequestSchema.parse(handoffBody());
      await server.services.writer.run(org.org.id, (ctx) =>
        createHandoff(ctx, { ...request, customer: { ...request.customer, name } }),
      );
    }
    const job = await requestExport(org.supervisor.api, { range });
    await waitForExport(org.supervisor.api, job.id);
    const file = await downloadExport(org.supervisor.api, job.id);
    const [, ...rows] = parseCsv(file.text);
    const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
    // Oldest request first: the order the names were handed over in.
    expect(rows.map((row) => row[6])).toEqual(names.map(guarded));
    expect(rows.map((row) => row[6])).toEqual([
      "Doe, Jane",
      'Robert "Bobby" Tables',
      "Line one\nline two",
      "Zoë 😀 Ünïcødé",
      `'=HYPERLINK("http://evil.example","click")`,
      "'+SUM(1,2)",
      "'-2+3",
      "'@cmd",
      "'\tTabbed",
      "'\rCarriage",
    ]);
    expect(rows[0][11]).toBe(`'=Web, "chat"`);
    // No cell of the file, as a spreadsheet reads it, starts a formula.
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it("writes each leg of a transferred conversation with the conversation's total time, and live legs up to now", async () => {
    const org = await createTestOrg(server);
    moveClockTo(clock, "2026-04-06T12:00:00Z");
    const chat = await handoff(org);
    clock.advance(seconds(10));
    await accept(org, "alice", chat.sessionId);
    clock.advance(seconds(60));
    const next = await transfer(org, "alice", chat.sessionId, org.teams.billing, "Refund");
    clock.advance(seconds(20));
    await accept(org, "bob", next);
    clock.advance(seconds(40));
    await end(server, org, next, "resolved", "bob");
    moveClockTo(clock, "2026-04-06T13:00:00Z");
    await handoff(org); // still queued when exported, 30 s later
    clock.advance(seconds(30));
    const job = await requestExport(org.supervisor.api, { range });
    await waitForExport(org.supervisor.api, job.id);
    const [, ...rows] = parseCsv((await downloadExport(org.supervisor.api, job.id)).text);
    const pick = (row: string[]) => [row[1], row[5], row[7], row[9], row[10], row[13]];
    expect(rows.map(pick)).toEqual([
      ["100", "Ended (transferred)", "Alice Agent", "10", "60", "General"],
      ["100", "Ended (resolved)", "Bob Agent", "20", "40", "Billing"],
      ["0", "Queued", "", "30", "", "General"],
    ]);
  });

  it("exports only what the filters keep", async () => {
    const org = await createTestOrg(server);
    await placeChat(server, clock, org, { at: "2026-04-06T14:00:00Z", waitS: 5, endS: 10 });
    await placeChat(server, clock, org, { at: "2026-04-06T14:10:00Z", waitS: null, endS: 10, ending: "customer_left" });
    const job = await requestExport(org.supervisor.api, { range, filters: { endReason: "customer_left" } });
    expect(job).toMatchObject({ filters: { endReason: "customer_left" } });
    await waitForExport(org.supervisor.api, job.id);
    const [, ...rows] = parseCsv((await downloadExport(org.supervisor.api, job.id)).text);
    expect(rows.map((row) => row[5])).toEqual(["Ended (customer left)"]);
  });

  it("a job not complete cannot be downloaded, and says why", async () => {
    const org = await createTestOrg(server);
    // Jobs written straight into these states in the transaction that creates them, so no runner takes them.
    const jobIn = (state: Record<string, unknown>) =>
      server.services.writer.run(org.org.id, async (ctx) => {
        const job = await createExportJob(ctx, org.supervisor.user.id, { range, filters: {} });
        await ctx.tx
          .update(exportJobs)
          .set(state as never)
          .where(eq(exportJobs.id, job.id));
        return job;
      });
    const running = await jobIn({
      status: "running",
      workerId: "elsewhere",
      leaseUntil: sql`now() + interval '10 minutes'`,
    });
    const failed = await jobIn({ status: "failed", error: "disk full" });
    const notReady = await downloadExport(org.supervisor.api, running.id);
    expect(notReady.status).toBe(409);
    expect(JSON.parse(notReady.text).error.message).toContain("not ready yet");
    const broken = await downloadExport(org.supervisor.api, failed.id);
    expect(broken.status).toBe(409);
    expect(JSON.parse(broken.text).error.message).toContain("disk full");
    expect((await org.supervisor.api.get(`/exports/${failed.id}`)).body).toMatchObject({
      status: "failed",
      error: "disk full",
      downloadUrl: null,
    });
  });

  it("lists the latest ten jobs, newest first, and lets the older ones go", async () => {
    const org = await createTestOrg(server);
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await requestExport(org.supervisor.api, { range })).id);
    // The oldest may already be gone: once more than ten are finished, it is let go.
    for (const id of ids.slice(1)) await waitForExport(org.supervisor.api, id);
    await expect.poll(async () => (await org.supervisor.api.get(`/exports/${ids[0]}`)).status).toBe(404);
    const list = await org.supervisor.api.get("/exports");
    expect(list.status).toBe(200);
    expect(list.body.exports.map((job: { id: string }) => job.id)).toEqual(ids.slice(1).reverse());
    expect(list.body.exports[0]).toMatchObject({ status: "complete", requestedBy: { name: "Sam Supervisor" } });
    expect(readdirSync(testExportsDir).filter((name) => name.startsWith(ids[0]))).toEqual([]);
  });
});

if (databaseKind === "postgres") {
  describe("two server processes on one PostgreSQL", () => {
    it("run each job exactly once, into one file, whichever process claims it", async () => {
      const first = await startTestServer();
      const other = await startChildServer({ DATABASE_URL: databaseUrl as string });
      try {
        const org = await createTestOrg(first);
        await handoff(org);
        const jobs = await Promise.all(
          Array.from({ length: 6 }, () =>
            requestExport(org.supervisor.api, {
              range: {
                from: new Date(Date.now() - 3_600_000).toISOString(),
                to: new Date(Date.now() + 60_000).toISOString(),
              },
            }),
          ),
        );
        for (const job of jobs) expect(await waitForExport(org.supervisor.api, job.id)).toMatchObject({ rowCount: 1 });
        const ids = jobs.map((job) => job.id);
        const rows = await first.services.db
          .select({ id: exportJobs.id, attempts: exportJobs.attempts })
          .from(exportJobs)
          .where(inArray(exportJobs.id, ids));
        expect(rows.map((row) => row.attempts)).toEqual(ids.map(() => 1));
        for (const id of ids) {
          expect(readdirSync(testExportsDir).filter((name) => name.startsWith(id))).toEqual([`${id}.csv`]);
        }
      } finally {
        await other.stop();
        await first.close();
      }
    });
  });
}

// (f) Reports over a million historical sessions on PostgreSQL: the 30-day summary, a page of sessions, a CSV
// export (rows per second, and how much the server's resident memory grows meanwhile), and the live path
// beside it: p99 of Live Sessions' change delivery while an export runs, next to the same without one.
// The history is bulk-written by SQL for the benchmark only (support/history.ts); everything measured goes
// through the server's HTTP API as the Reports page uses it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { ReportSummary } from "../src/shared/reports";
import { measureSwitchboardSseLatency, type SseLatencyResult, type SseOptions } from "./sse-latency";
import type { BenchServer } from "./support/bench-server";
import type { BenchDatabase } from "./support/databases";
import { seedHistory } from "./support/history";
import { type Credentials, expectStatus, JsonClient } from "./support/http";
import { type Figure, formatValue } from "./support/report";
import { median, sleep } from "./support/stats";

export interface ReportsPlan {
  sessions: number;
  days: number;
  repeats: number;
  sse: SseOptions;
  targets: { summaryMs: number; pageMs: number; exportRowsPerSecond: number; rssGrowthBytes: number };
}

export const reportsPlan = (quick: boolean): ReportsPlan => ({
  sessions: 1_000_000,
  days: 180,
  repeats: quick ? 3 : 7,
  // A busy contact centre's rate, below what one PostgreSQL server commits here (MEASURED.md, bench (b)),
  // so the figure is the live path's delivery and not a saturated queue.
  sse: { clients: 100, rate: 200, warmupMs: quick ? 1_000 : 2_000, durationMs: quick ? 4_000 : 8_000 },
  targets: { summaryMs: 500, pageMs: 100, exportRowsPerSecond: 50_000, rssGrowthBytes: 100 * 1_048_576 },
});

export interface ReportsContext {
  database: BenchDatabase;
  server: BenchServer;
  figures: Figure[];
  plan: ReportsPlan;
  step<T>(what: string, run: () => Promise<T>): Promise<T | null>;
  log(line: string): void;
}

const DAY = 86_400_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const startedAt = performance.now();
  const result = await run();
  return { ms: performance.now() - startedAt, result };
}

/** Median and max of `repeats` runs after one warm-up. */
async function medianOf(repeats: number, run: () => Promise<unknown>) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push((await timed(run)).ms);
  return { medianMs: median(times), maxMs: Math.max(...times) };
}

/** Resident memory of a process, from /proc (so sampling costs the server nothing). */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

function psql(url: string, command: string): { ms: number; output: string } {
  const startedAt = performance.now();
  const run = spawnSync("psql", [url, "-X", "-q", "-t", "-A", "-c", command], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`psql: ${run.stderr}`);
  return { ms: performance.now() - startedAt, output: run.stdout.trim() };
}

/** The export's rows, joins and columns (src/server/domain/exports/export-rows.ts), as one COPY to CSV. */
const copySql = (orgId: string, from: string, to: string) => `\\copy (
  select s.id, s.conversation_id,
    (select coalesce(floor(extract(epoch from sum(coalesce(l.ended_at, now()) - l.accepted_at))), 0)::int from sessions l where l.conversation_id = s.conversation_id),
    to_char(s.queued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(s.accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(s.ended_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), s.status, s.end_reason, cu.name, u.name, cu.email,
    floor(extract(epoch from coalesce(s.accepted_at, s.ended_at, now()) - s.queued_at))::int,
    floor(extract(epoch from coalesce(s.ended_at, now()) - s.accepted_at))::int,
    c.channel_name, c.channel_type, t.name, r.name, b.name, b.id
  from sessions s join conversations c on c.id = s.conversation_id join customers cu on cu.id = c.customer_id
    join teams t on t.id = s.team_id join bots b on b.id = c.bot_id
    left join users u on u.id = s.agent_id left join routing_rules r on r.id = s.routing_rule_id
  where s.org_id = '${orgId}' and s.queued_at >= '${from}' and s.queued_at < '${to}'
  order by s.queued_at, s.id
) to '/dev/null' with csv header`;

interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  rssBefore: number;
  rssPeak: number;
  startedAt: number;
  finishedAt: number;
}

async function waitForJob(http: JsonClient, who: Credentials, id: string, until: string[], onPoll?: () => void) {
  for (;;) {
    const job = expectStatus(await http.get(`/exports/${id}`, who), 200, "export");
    if (until.includes(job.status)) return job;
    if (job.status === "failed") throw new Error(`export failed: ${job.error}`);
    onPoll?.();
    await sleep(100);
  }
}

async function runExport(
  http: JsonClient,
  who: Credentials,
  range: { from: string; to: string },
  pid: number,
): Promise<ExportRun> {
  const rssBefore = rssOf(pid);
  let rssPeak = rssBefore;
  const created = expectStatus(await http.post("/exports", who, { range }), 202, "export");
  const job = await waitForJob(http, who, created.id, ["complete"], () => {
    rssPeak = Math.max(rssPeak, rssOf(pid));
  });
  const startedAt = Date.parse(job.startedAt);
  const finishedAt = Date.parse(job.finishedAt);
  return {
    rows: job.rowCount,
    bytes: job.byteCount,
    seconds: (finishedAt - startedAt) / 1000,
    rssBefore,
    rssPeak,
    startedAt,
    finishedAt,
  };
}

export async function benchReports(ctx: ReportsContext) {
  const { database, server, figures, plan, step, log } = ctx;
  if (database.kind !== "PostgreSQL") {
    log("  reports: PostgreSQL only (a million sessions), skipped here");
    return;
  }
  const url = (database.env as { DATABASE_URL: string }).DATABASE_URL;
  const kind = database.kind;
  const org = await server.createOrganization("Bench reports", 40);
  const seeded = await step(`${plan.sessions.toLocaleString("en-US")} historical sessions over ${plan.days} days`, () =>
    seedHistory(url, {
      orgId: org.orgId,
      defaultTeamId: org.defaultTeamId,
      agentIds: org.agents.map((a) => a.id),
      sessions: plan.sessions,
      days: plan.days,
    }),
  );
  if (!seeded) return;
  const http = new JsonClient(server.url);
  const who = { cookie: org.supervisor.token };
  const now = Date.now();
  const month = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now).toISOString() };
  const everything = { from: new Date(Date.parse(seeded.from) - 3_600_000).toISOString(), to: month.to };
  const query = (range: { from: string; to: string }, extra = "") =>
    `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}${extra}`;
  const monthRows = Number(
    psql(
      url,
      `select count(*) from sessions where org_id = '${org.orgId}' and queued_at >= '${month.from}' and queued_at < '${month.to}'`,
    ).output,
  );
  const seedNote = `${seeded.sessions.toLocaleString("en-US")} sessions over ${plan.days} days seeded in ${seeded.seconds.toFixed(0)} s; ${monthRows.toLocaleString("en-US")} of them in the 30 days`;

  try {
    // --- Summary figures: the page's own request (with the hour breakdown), and the bare totals.
    const summary = await step("30-day summary", async () => {
      const get = (extra: string) => async () => {
        const body = expectStatus(await http.get(`/reports/summary?${query(month, extra)}`, who), 200, "summary");
        return body as ReportSummary;
      };
      const check = await get("")();
      if (check.totals.sessions !== monthRows)
        throw new Error(`summary counts ${check.totals.sessions}, not ${monthRows}`);
      const countMs = await medianOf(plan.repeats, async () =>
        psql(
          url,
          `select count(*) from sessions where org_id = '${org.orgId}' and queued_at >= '${month.from}' and queued_at < '${month.to}'`,
        ),
      );
      return {
        totals: await medianOf(plan.repeats, get("")),
        byHour: await medianOf(plan.repeats, get("&groupBy=hour&tz=Europe%2FBerlin")),
        byBot: await medianOf(plan.repeats, get("&groupBy=bot")),
        countMs,
      };
    });
    if (summary) {
      const baseline = { name: "psql count(*) of the same rows", value: summary.countMs.medianMs, unit: "ms" as const };
      figures.push(
        {
          benchmark: "reports",
          database: kind,
          name: `30-day summary, median of ${plan.repeats}`,
          value: summary.totals.medianMs,
          unit: "ms",
          target: { atMost: plan.targets.summaryMs },
          baseline,
          note: `max ${summary.totals.maxMs.toFixed(0)} ms; ${seedNote}`,
        },
        {
          benchmark: "reports",
          database: kind,
          name: "30-day summary by hour of day (the page's request)",
          value: summary.byHour.medianMs,
          unit: "ms",
          target: { atMost: plan.targets.summaryMs },
          baseline,
          note: `max ${summary.byHour.maxMs.toFixed(0)} ms`,
        },
        {
          benchmark: "reports",
          database: kind,
          name: "30-day summary by bot (joins conversations)",
          value: summary.byBot.medianMs,
          unit: "ms",
          target: { atMost: plan.targets.summaryMs },
          baseline,
          note: `max ${summary.byBot.maxMs.toFixed(0)} ms`,
        },
      );
    }

    // --- A page of sessions: the first, one twenty pages in (by its cursor), and one sorted by wait.
    const pages = await step("pages of sessions", async () => {
      const page = (extra: string) => async () =>
        expectStatus(await http.get(`/reports/sessions?${query(month, `&limit=50${extra}`)}`, who), 200, "page");
      let cursor = "";
      for (let i = 0; i < 20; i++) cursor = (await page(cursor ? `&cursor=${cursor}` : "")()).nextCursor;
      const deep = `&cursor=${cursor}`;
      const raw = await medianOf(plan.repeats, async () =>
        psql(
          url,
          `select * from sessions where org_id = '${org.orgId}' and queued_at >= '${month.from}' and queued_at < '${month.to}' order by queued_at desc, id desc limit 50`,
        ),
      );
      return {
        first: await medianOf(plan.repeats, page("")),
        deep: await medianOf(plan.repeats, page(deep)),
        byWait: await medianOf(plan.repeats, page("&sort=-wait")),
        raw,
      };
    });
    if (pages) {
      const baseline = {
        name: "psql: 50 rows of sessions by the index",
        value: pages.raw.medianMs,
        unit: "ms" as const,
      };
      figures.push(
        {
          benchmark: "reports",
          database: kind,
          name: "page of 50 sessions (queued, active, ended)",
          value: pages.first.medianMs,
          unit: "ms",
          target: { atMost: plan.targets.pageMs },
          baseline,
          note: `max ${pages.first.maxMs.toFixed(1)} ms`,
        },
        {
          benchmark: "reports",
          database: kind,
          name: "page 21 of 50, by its cursor",
          value: pages.deep.medianMs,
          unit: "ms",
          target: { atMost: plan.targets.pageMs },
          baseline,
          note: `max ${pages.deep.maxMs.toFixed(1)} ms`,
        },
        {
          benchmark: "reports",
          database: kind,
          name: "page of 50 sorted by wait, longest first",
          value: pages.byWait.medianMs,
          unit: "ms",
          baseline,
          note: `max ${pages.byWait.maxMs.toFixed(1)} ms; sorts the whole range (no index orders by wait)`,
        },
      );
    }

    // --- The export: every session of the history, through the background job into its file.
    const exported = await step(`CSV export of all ${seeded.sessions.toLocaleString("en-US")} sessions`, async () => {
      const run = await runExport(http, who, everything, server.pid);
      const copy = psql(url, copySql(org.orgId, everything.from, everything.to));
      return { run, copyRowsPerSecond: run.rows / (copy.ms / 1000) };
    });
    if (exported) {
      const { run } = exported;
      figures.push(
        {
          benchmark: "reports",
          database: kind,
          name: "export rows/s",
          value: run.rows / run.seconds,
          unit: "/s",
          target: { atLeast: plan.targets.exportRowsPerSecond },
          baseline: { name: "psql \\copy of the same rows to CSV", value: exported.copyRowsPerSecond, unit: "/s" },
          note: `${run.rows.toLocaleString("en-US")} rows, ${(run.bytes / 1_048_576).toFixed(0)} MB in ${run.seconds.toFixed(1)} s`,
        },
        {
          benchmark: "reports",
          database: kind,
          name: "server RSS growth during the export",
          value: run.rssPeak - run.rssBefore,
          unit: "bytes",
          target: { atMost: plan.targets.rssGrowthBytes },
          baseline: { name: "size of the CSV file", value: run.bytes, unit: "bytes" },
          note: `RSS ${(run.rssBefore / 1_048_576).toFixed(0)} MB before, peak ${(run.rssPeak / 1_048_576).toFixed(0)} MB (sampled every 100 ms from /proc)`,
        },
      );
    }

    // --- The live path beside an export: the same Live Sessions load without and with one running, twice
    // each in turn (this machine is shared: one window can catch someone else's burst).
    const live = await server.createOrganization("Bench reports live feed", 16);
    const rounds: { quiet: SseLatencyResult; busy: SseLatencyResult; overlap: number }[] = [];
    for (let round = 1; round <= 2; round++) {
      const quiet = await step(
        `round ${round}: ${plan.sse.clients} Live Sessions streams at ${plan.sse.rate}/s, no export`,
        () => measureSwitchboardSseLatency(server.url, live, plan.sse),
      );
      const busy = await step(`round ${round}: the same while an export of every session runs`, async () => {
        const created = expectStatus(await http.post("/exports", who, { range: everything }), 202, "export");
        await waitForJob(http, who, created.id, ["running", "complete"]);
        const windowStart = Date.now() + plan.sse.warmupMs;
        const result = await measureSwitchboardSseLatency(server.url, live, plan.sse);
        const windowEnd = Date.now();
        const job = await waitForJob(http, who, created.id, ["complete"]);
        const overlap =
          Math.max(0, Math.min(windowEnd, Date.parse(job.finishedAt)) - windowStart) / (windowEnd - windowStart);
        return { result, overlap };
      });
      if (quiet && busy) rounds.push({ quiet, busy: busy.result, overlap: busy.overlap });
    }
    if (rounds.length > 0) {
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      const each = (pick: (r: (typeof rounds)[number]) => number) =>
        rounds.map((r) => formatValue(pick(r), "ms")).join(" and ");
      figures.push(
        {
          benchmark: "reports",
          database: kind,
          name: `Live Sessions commit → arrival p99 while an export runs (${plan.sse.rate}/s, mean of ${rounds.length})`,
          value: mean(rounds.map((r) => r.busy.fromCommit.p99Ms)),
          unit: "ms",
          baseline: {
            name: "the same without an export",
            value: mean(rounds.map((r) => r.quiet.fromCommit.p99Ms)),
            unit: "ms",
          },
          note: `rounds: ${each((r) => r.busy.fromCommit.p99Ms)} (without: ${each((r) => r.quiet.fromCommit.p99Ms)}); export running for ${rounds.map((r) => `${(r.overlap * 100).toFixed(0)} %`).join(" and ")} of the windows; p50 ${each((r) => r.busy.fromCommit.p50Ms)} (without: ${each((r) => r.quiet.fromCommit.p50Ms)}); ${rounds.reduce((n, r) => n + r.busy.missing, 0)} events missed`,
        },
        {
          benchmark: "reports",
          database: kind,
          name: "from event stamp p99 while an export runs (mean)",
          value: mean(rounds.map((r) => r.busy.fromStamp.p99Ms)),
          unit: "ms",
          baseline: {
            name: "the same without an export",
            value: mean(rounds.map((r) => r.quiet.fromStamp.p99Ms)),
            unit: "ms",
          },
          note: `rounds: ${each((r) => r.busy.fromStamp.p99Ms)} (without: ${each((r) => r.quiet.fromStamp.p99Ms)})`,
        },
      );
    }
  } finally {
    http.close();
  }
}

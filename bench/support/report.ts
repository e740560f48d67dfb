// Every figure beside its target and a baseline measured in the same run, printed as a table per benchmark
// and written to bench/RESULTS.md. On a shared two-core machine absolute numbers wander from run to run;
// the ratio to the same-run baseline is what holds (MEASURED.md).
import type { DatabaseKind } from "./databases";

export type BenchmarkId = "throughput" | "sse" | "snapshot" | "browser" | "widget" | "reports" | "assignment";

export const benchmarkTitles: Record<BenchmarkId, { title: string; how: string }> = {
  throughput: {
    title: "(a) State changes per second through the HTTP API",
    how:
      "One organization, 16 live agents online in the default team; each of 16 concurrent clients is one agent " +
      "doing hand-off (API key) → accept → end (agent cookie), 3 changes per cycle, counted over a window after a warm-up. " +
      "Baseline: one-row INSERT commits/s straight to the database (16 pg connections on PostgreSQL; a loop on PGlite).",
  },
  sse: {
    title: "(b) Commit → arrival at 100 Live Sessions streams while 1,000 changes/s flow",
    how:
      "100 supervisor streams (GET /api/v1/live-sessions/stream) in a separate client process; the load generator paces " +
      "hand-offs and ends (API key) at 1,000/s; latency = arrival at a stream − arrival of the change's HTTP response, " +
      'matched by session id, over every stream and event of the window. "From event stamp" measures from the event\'s ' +
      "`at` instead (taken when the command starts, so it includes the transaction). The server hands events to the " +
      "streams just before it answers the HTTP request, so commit → arrival can read a little low (even below zero); " +
      "from event stamp is the upper bound. When the server cannot commit 1,000 changes/s, latency is taken at the rate " +
      "it reaches and not judged against the target. " +
      "Baseline: the same clients on a bare node:http broadcast server (no database), 100 × 1,000 events/s.",
  },
  snapshot: {
    title: "(c) Live Sessions snapshot with 10,000 live sessions",
    how:
      "10,000 hand-offs seeded through the domain commands (half then accepted), then GET /api/v1/live-sessions as the " +
      "supervisor: median of 10 after one warm-up; size of the JSON body and of the same gzipped (the server does not compress). " +
      "Baseline: JSON.stringify of the same payload in the load generator's process.",
  },
  browser: {
    title: "(d) The Live Sessions page in headless Chromium with 10,000 live sessions",
    how:
      "Debian's Chromium (headless, 1280 × 800) driven by playwright-core, signed in as the supervisor, on the server of the " +
      "first database of the run (the page is what is measured, so it runs once); 10,000 sessions seeded through the domain, " +
      "half queued, half active. First render: from the responseEnd of the GET /api/v1/live-sessions resource timing entry " +
      "to the first `tr[data-session-id]` in the DOM (a MutationObserver, right after React's commit) and to the frame after " +
      "it, over several loads. Ticks: ScriptDuration (renderer main-thread time) from the DevTools protocol's " +
      "Performance.getMetrics, sampled in the middle of each second while idle, so each sample holds exactly one tick of the " +
      "page's clock. Events: the Live switch on, then 50 changes/s through the HTTP API (a hand-off, then an end: the " +
      "longest-waiting queued row or the oldest active one), long tasks from a PerformanceObserver in the page, until every " +
      "event was heard and the 2 s highlights ran out; a trace (category `toplevel`) of the same run gives every task's wall and " +
      "CPU time, which tells the page's own work from waiting for a core on this shared machine. Heap: Runtime.getHeapUsage after a forced GC. Baselines: the same " +
      "page of an organization with no sessions (the same ticks, the same 50 changes/s, so it holds a row or two at most), " +
      "and JSON.parse of the same snapshot body in the page.",
  },
  widget: {
    title: "(e) The customer chat widget's size",
    how:
      "dist/widget/widget.js as built by `vite build --config vite.widget.config.ts` (rebuilt first when older than its " +
      "sources): raw, gzipped (zlib's default level, as servers send it) and brotli. No database involved. " +
      "Baseline: the web console's JavaScript (dist/web/assets/*.js) gzipped, when dist/web is built.",
  },
  assignment: {
    title: "(g) Automatic assignment under load",
    how:
      "PostgreSQL only. Auto-accept on, 200 online agents in 10 teams (limit 100 chats each), hand-offs from 16 " +
      "concurrent clients, each routed to a team by a rule and assigned in its own transaction. Latency: from " +
      "sending the hand-off to its `session.accepted` event arriving on a supervisor's live stream. Violations: the " +
      "event log replayed agent by agent, counting any moment above the limit. Baseline: hand-offs/s of the same " +
      "organization with auto-accept off, measured in the same run.",
  },
  reports: {
    title: "(f) Reports over 1,000,000 historical sessions (PostgreSQL)",
    how:
      "One organization with 1,000,000 ended sessions over 180 days (about 8 % transferred once, 6 % abandoned, 2 % timed " +
      "out), bulk-written by SQL generate_series for the benchmark only (bench/support/history.ts), then VACUUM ANALYZE. " +
      "Through the HTTP API as the supervisor: GET /api/v1/reports/summary over the last 30 days (totals; by hour of day, the " +
      "page's request; by bot, which joins conversations), median after one warm-up; GET /api/v1/reports/sessions, 50 rows: " +
      "the first page, page 21 by its cursor, and the first page sorted by wait; a CSV export of all the sessions through " +
      "POST /api/v1/exports (rows / the job's own started → finished time), the server process's resident memory sampled " +
      "from /proc every 100 ms. Baselines: psql count(*) and a 50-row index read of the same range; psql \\copy of the same " +
      "joined rows to CSV; the CSV file's size. Live path: 100 Live Sessions streams while 200 changes/s flow (hand-offs and " +
      "ends, as in (b), at a rate one PostgreSQL server commits here without queueing), measured once without and once while " +
      "an export of all the sessions runs in the same server process.",
  },
};

export interface Figure {
  benchmark: BenchmarkId;
  /** "—" for a figure no database takes part in (the widget's size). */
  database: DatabaseKind | "—";
  name: string;
  value: number;
  unit: Unit;
  target?: { atLeast?: number; atMost?: number };
  baseline?: { name: string; value: number; unit: Unit };
  note?: string;
  /** Set when the figure was not taken under the conditions its target assumes: then it neither meets nor misses. */
  offCondition?: string;
}

export type Unit = "/s" | "ms" | "bytes" | "count";

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return "n/a";
  switch (unit) {
    case "/s":
      return `${Math.round(value).toLocaleString("en-US")}/s`;
    case "ms":
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
    case "bytes":
      return value >= 1_048_576 ? `${(value / 1_048_576).toFixed(2)} MB` : `${(value / 1024).toFixed(1)} KB`;
    case "count":
      return Math.round(value).toLocaleString("en-US");
  }
}

function targetText(figure: Figure): string {
  if (!figure.target) return "—";
  if (figure.target.atLeast !== undefined) return `≥ ${formatValue(figure.target.atLeast, figure.unit)}`;
  return `≤ ${formatValue(figure.target.atMost ?? Number.NaN, figure.unit)}`;
}

export function isMet(figure: Figure): boolean | null {
  if (!figure.target || !Number.isFinite(figure.value) || figure.offCondition) return null;
  if (figure.target.atLeast !== undefined && figure.value < figure.target.atLeast) return false;
  if (figure.target.atMost !== undefined && figure.value > figure.target.atMost) return false;
  return true;
}

function row(figure: Figure): string[] {
  const met = isMet(figure);
  const baseline = figure.baseline;
  return [
    figure.database,
    figure.name,
    formatValue(figure.value, figure.unit),
    targetText(figure),
    figure.offCondition ? "n/a" : met === null ? "" : met ? "yes" : "NO",
    baseline ? `${formatValue(baseline.value, baseline.unit)} (${baseline.name})` : "—",
    baseline && baseline.value > 0 && Number.isFinite(figure.value)
      ? `${(figure.value / baseline.value).toFixed(2)}×`
      : "",
    [figure.offCondition, figure.note].filter(Boolean).join("; "),
  ];
}

const headings = ["Database", "Figure", "Value", "Target", "Met", "Baseline (same run)", "Value ÷ baseline", "Notes"];

export function consoleTables(figures: Figure[]): string {
  const out: string[] = [];
  for (const id of Object.keys(benchmarkTitles) as BenchmarkId[]) {
    const rows = figures.filter((f) => f.benchmark === id).map(row);
    if (rows.length === 0) continue;
    const all = [headings, ...rows];
    const widths = headings.map((_, c) => Math.max(...all.map((r) => r[c].length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, c) => cell.padEnd(widths[c]))
        .join("  ")
        .trimEnd();
    out.push(
      "",
      benchmarkTitles[id].title,
      line(headings),
      widths.map((w) => "-".repeat(w)).join("  "),
      ...rows.map(line),
    );
  }
  return out.join("\n");
}

export interface RunInfo {
  date: string;
  machine: string;
  /** One-minute load average at the start and the end: how much else was running on the shared cores. */
  loadAverage: [number, number];
  durationSeconds: number;
  skipped: string[];
  /** RESULTS.md as it was: sections of benchmarks this run did not take are kept from it. */
  previous?: string;
}

/** The `## title` section of an earlier RESULTS.md, up to the next section. */
function previousSection(previous: string | undefined, title: string): string | null {
  const lines = (previous ?? "").split("\n");
  const start = lines.indexOf(`## ${title}`);
  if (start === -1) return null;
  const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .join("\n")
    .trimEnd();
}

export function resultsMarkdown(figures: Figure[], run: RunInfo): string {
  const escapeCell = (cell: string) => cell.replaceAll("|", "\\|");
  const out = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); each run replaces the sections of the benchmarks it took (`--only`",
    "keeps the others as their last run left them: see each row's Date). Targets are the issue's; every baseline",
    "was measured in the same run on the same machine, which is shared and noisy (2 cores): read the ratios, not only",
    "the absolute numbers. Ceilings to compare with: /work/shared/spec/MEASURED.md.",
    "",
    `- Run: ${run.date}, ${Math.round(run.durationSeconds)} s`,
    `- Machine: ${run.machine}`,
    `- Load average (1 min) at start / end: ${run.loadAverage.map((l) => l.toFixed(2)).join(" / ")}`,
    ...run.skipped.map((s) => `- Skipped: ${s}`),
  ];
  for (const id of Object.keys(benchmarkTitles) as BenchmarkId[]) {
    const rows = figures.filter((f) => f.benchmark === id);
    if (rows.length === 0) {
      const kept = previousSection(run.previous, benchmarkTitles[id].title);
      if (kept) out.push("", kept);
      continue;
    }
    out.push("", `## ${benchmarkTitles[id].title}`, "", benchmarkTitles[id].how, "");
    out.push(`| Date | ${headings.join(" | ")} |`, `|${" --- |".repeat(headings.length + 1)}`);
    for (const figure of rows) out.push(`| ${run.date.slice(0, 10)} | ${row(figure).map(escapeCell).join(" | ")} |`);
  }
  return `${out.join("\n")}\n`;
}

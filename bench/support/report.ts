// Every figure beside its target and a baseline measured in the same run, printed as a table per benchmark
// and written to bench/RESULTS.md. On a shared two-core machine absolute numbers wander from run to run;
// the ratio to the same-run baseline is what holds (MEASURED.md).
import type { DatabaseKind } from "./databases";

export type BenchmarkId = "throughput" | "sse" | "snapshot";

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
};

export interface Figure {
  benchmark: BenchmarkId;
  database: DatabaseKind;
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
}

export function resultsMarkdown(figures: Figure[], run: RunInfo): string {
  const escapeCell = (cell: string) => cell.replaceAll("|", "\\|");
  const out = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); each run replaces this file. Targets are the issue's; every baseline",
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
    if (rows.length === 0) continue;
    out.push("", `## ${benchmarkTitles[id].title}`, "", benchmarkTitles[id].how, "");
    out.push(`| Date | ${headings.join(" | ")} |`, `|${" --- |".repeat(headings.length + 1)}`);
    for (const figure of rows) out.push(`| ${run.date.slice(0, 10)} | ${row(figure).map(escapeCell).join(" | ")} |`);
  }
  return `${out.join("\n")}\n`;
}

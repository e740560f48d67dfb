// The summary figures as SQL aggregates, so PostgreSQL computes them over the range and only the figures
// travel: definitions in src/shared/reports.ts (reportFiguresSchema).
import { sql } from "drizzle-orm";
import { type ReportFigures, waitBucketEdgesMs } from "../../../shared/reports";
import { sessions } from "../../db/schema";

/** A leg's wait in ms, once over: until accepted, or until it ended unanswered. Null while still queued. */
// date_part, not extract: extract gives numeric since PostgreSQL 14, and averaging and sorting float8 is
// several times faster over a month of sessions.
export const waitMsSql = sql`(date_part('epoch', coalesce(${sessions.acceptedAt}, ${sessions.endedAt}) - ${sessions.queuedAt}) * 1000)`;
/** Handle time in ms of a leg accepted and ended; null otherwise. */
const handleMsSql = sql`(date_part('epoch', ${sessions.endedAt} - ${sessions.acceptedAt}) * 1000)`;

export const figureColumns = {
  sessions: sql<number>`count(*)::int`,
  answered: sql<number>`count(${sessions.acceptedAt})::int`,
  averageWaitMs: sql<number | null>`avg(${waitMsSql})::float8`,
  // One sort gives both percentiles; percentile_cont interpolates between the two middle values.
  waitPercentiles: sql<
    number[] | null
  >`percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${waitMsSql})`,
  averageHandleMs: sql<number | null>`avg(${handleMsSql})::float8`,
  transfers: sql<number>`(count(*) filter (where ${sessions.endReason} = 'transferred'))::int`,
  abandoned: sql<number>`(count(*) filter (where ${sessions.endReason} = 'customer_left' and ${sessions.acceptedAt} is null))::int`,
  timedOut: sql<number>`(count(*) filter (where ${sessions.endReason} = 'timed_out'))::int`,
};

/** Bars of the wait distribution, counted in the same pass as the figures. */
export const waitBucketColumns = Object.fromEntries(
  waitBucketEdgesMs.map((fromMs, i) => {
    const toMs = waitBucketEdgesMs[i + 1];
    const upper = toMs === undefined ? sql`` : sql` and ${waitMsSql} < ${sql.raw(String(toMs))}`;
    return [
      `bucket${i}`,
      sql<number>`(count(*) filter (where ${waitMsSql} >= ${sql.raw(String(fromMs))}${upper}))::int`,
    ];
  }),
);

type FigureRow = { [K in keyof typeof figureColumns]: unknown };

const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const ms = (value: unknown) => {
  const n = number(value);
  return n === null ? null : Math.round(n);
};

/** PostgreSQL's answer as figures: whole milliseconds, shares of all sessions, null where nothing counts. */
export function presentFigures(row: FigureRow): ReportFigures {
  const total = Number(row.sessions);
  const percentiles = parseFloatArray(row.waitPercentiles);
  const abandoned = Number(row.abandoned);
  const timedOut = Number(row.timedOut);
  return {
    sessions: total,
    answered: Number(row.answered),
    averageWaitMs: ms(row.averageWaitMs),
    medianWaitMs: ms(percentiles?.[0]),
    p90WaitMs: ms(percentiles?.[1]),
    averageHandleMs: ms(row.averageHandleMs),
    transfers: Number(row.transfers),
    abandoned,
    abandonedShare: share(abandoned, total),
    timedOut,
    timedOutShare: share(timedOut, total),
  };
}

export const emptyFigures: ReportFigures = presentFigures({
  sessions: 0,
  answered: 0,
  averageWaitMs: null,
  waitPercentiles: null,
  averageHandleMs: null,
  transfers: 0,
  abandoned: 0,
  timedOut: 0,
});

/** node-postgres parses float8[] into numbers; PGlite may hand back its text form. */
function parseFloatArray(value: unknown): (number | null)[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(number);
  const text = String(value).replace(/^\{|\}$/g, "");
  return text === "" ? [] : text.split(",").map((v) => (v === "NULL" ? null : Number(v)));
}

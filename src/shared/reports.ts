// Reports and CSV exports (PRODUCT.md, "Reports"): historical sessions of a range, summary figures and their
// breakdowns, and export jobs. A session belongs to a range when it was queued (requested) within it.
import { z } from "zod";
import { id, ref, timestamp } from "./common";
import { rangeProblem } from "./report-range";
import { endReasons, sessionStatuses } from "./sessions";

// ----- What a report covers: a range (UTC instants; the browser turns its local days into them) and filters.

const rangeFields = { from: timestamp, to: timestamp };

function checkRange(value: { from: string; to: string }, ctx: z.RefinementCtx) {
  const problem = rangeProblem(Date.parse(value.from), Date.parse(value.to));
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["to"] });
}

export const reportRangeSchema = z.object(rangeFields).superRefine(checkRange);
export type ReportRange = z.infer<typeof reportRangeSchema>;

const filterFields = {
  teamId: id.optional(),
  agentId: id.optional(),
  /** A channel by its name, as the bot platform sent it. */
  channel: z.string().trim().min(1).max(100).optional(),
  botId: id.optional(),
  status: z.enum(sessionStatuses).optional(),
  endReason: z.enum(endReasons).optional(),
};
export const reportFiltersSchema = z.object(filterFields);
export type ReportFilters = z.infer<typeof reportFiltersSchema>;
export const reportFilterKeys = Object.keys(filterFields) as (keyof ReportFilters)[];

function isTimeZone(name: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().max(100).refine(isTimeZone, "an IANA time zone such as Europe/Berlin");

// ----- The sessions of a range, a page at a time.

/**
 * `status`: queued (longest wait first), then active (longest conversation first), then ended (newest
 * request first), as the reference lists them (A). The others sort by one column; `-` means descending.
 */
export const reportSorts = ["status", "requestedAt", "-requestedAt", "wait", "-wait", "duration", "-duration"] as const;
export type ReportSort = (typeof reportSorts)[number];

export const reportSessionsQuerySchema = z
  .object({
    ...rangeFields,
    ...filterFields,
    sort: z.enum(reportSorts).default("status"),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkRange);
export type ReportSessionsQuery = z.infer<typeof reportSessionsQuerySchema>;

export const reportSessionSchema = z
  .object({
    id,
    conversationId: id,
    status: z.enum(sessionStatuses),
    endReason: z.enum(endReasons).nullable(),
    customer: z.object({ id, name: z.string(), email: z.string().nullable() }),
    agent: ref.nullable(),
    team: ref,
    bot: ref,
    channel: z.object({ name: z.string(), type: z.string() }),
    routingRule: ref.nullable(),
    queuedAt: timestamp,
    acceptedAt: timestamp.nullable(),
    endedAt: timestamp.nullable(),
    /** (acceptedAt, or endedAt when it ended unanswered, or now) − queuedAt. */
    waitMs: z.number().int().nonnegative(),
    /** (endedAt or now) − acceptedAt; null when never accepted. */
    durationMs: z.number().int().nonnegative().nullable(),
    /** The leg this one was transferred from, and the note that came with it. */
    previousSessionId: id.nullable(),
    transferNote: z.string().nullable(),
  })
  .meta({ id: "ReportSession" });
export type ReportSession = z.infer<typeof reportSessionSchema>;

export const reportSessionsPageSchema = z
  .object({ serverTime: timestamp, sessions: z.array(reportSessionSchema), nextCursor: z.string().nullable() })
  .meta({ id: "ReportSessionsPage" });
export type ReportSessionsPage = z.infer<typeof reportSessionsPageSchema>;

/** One conversation as the report shows it: every leg, in order, for the transcript beside its messages. */
export const conversationReportSchema = z
  .object({
    id,
    customer: z.object({ id, name: z.string(), email: z.string().nullable() }),
    bot: ref,
    channel: z.object({ name: z.string(), type: z.string() }),
    createdAt: timestamp,
    endedAt: timestamp.nullable(),
    legs: z.array(reportSessionSchema),
  })
  .meta({ id: "ConversationReport" });
export type ConversationReport = z.infer<typeof conversationReportSchema>;

// ----- Summary figures the reference lacks, and their breakdowns.

export const reportGroupings = ["team", "agent", "channel", "bot", "hour"] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

export const reportSummaryQuerySchema = z
  .object({
    ...rangeFields,
    ...filterFields,
    groupBy: z.enum(reportGroupings).optional(),
    /** Hours of the day are counted in this time zone (the browser's). */
    tz: timeZoneSchema.default("UTC"),
  })
  .superRefine(checkRange);
export type ReportSummaryQuery = z.infer<typeof reportSummaryQuerySchema>;

/**
 * Over the sessions (legs) queued in the range. Wait covers every leg whose wait is over: accepted, or
 * ended while still queued (abandoned, timed out, transferred from the queue). Handle time covers legs
 * accepted and ended. Abandoned = the customer left while queued. Shares are of all sessions.
 */
export const reportFiguresSchema = z
  .object({
    sessions: z.number().int(),
    answered: z.number().int(),
    averageWaitMs: z.number().nullable(),
    medianWaitMs: z.number().nullable(),
    p90WaitMs: z.number().nullable(),
    averageHandleMs: z.number().nullable(),
    transfers: z.number().int(),
    abandoned: z.number().int(),
    abandonedShare: z.number().nullable(),
    timedOut: z.number().int(),
    timedOutShare: z.number().nullable(),
  })
  .meta({ id: "ReportFigures" });
export type ReportFigures = z.infer<typeof reportFiguresSchema>;

/** Edges of the wait distribution's bars, in ms: 0–15 s, 15–30 s, 30 s–1 min, … 10 min and more. */
export const waitBucketEdgesMs = [0, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000] as const;

export const reportSummarySchema = z
  .object({
    serverTime: timestamp,
    from: timestamp,
    to: timestamp,
    timeZone: z.string(),
    totals: reportFiguresSchema,
    /** Sessions whose wait is over, by wait: one bar per edge of waitBucketEdgesMs (the last has no end). */
    waitDistribution: z.array(
      z.object({ fromMs: z.number().int(), toMs: z.number().int().nullable(), sessions: z.number().int() }),
    ),
    groupBy: z.enum(reportGroupings).nullable(),
    /** Largest first; by hour: all 24 hours of the day, in order. `key` is null for "no live agent". */
    groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), figures: reportFiguresSchema })),
  })
  .meta({ id: "ReportSummary" });
export type ReportSummary = z.infer<typeof reportSummarySchema>;

// ----- CSV exports, run as background jobs.

export const exportStatuses = ["queued", "running", "complete", "failed"] as const;
export type ExportStatus = (typeof exportStatuses)[number];

export const createExportSchema = z
  .object({ range: reportRangeSchema, filters: reportFiltersSchema.default({}) })
  .meta({ id: "CreateExport" });
export type CreateExport = z.infer<typeof createExportSchema>;

export const exportJobSchema = z
  .object({
    id,
    status: z.enum(exportStatuses),
    range: z.object(rangeFields),
    filters: reportFiltersSchema,
    requestedBy: ref.nullable(),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    /** Rows written so far while running; all of them once complete. */
    rowCount: z.number().int().nullable(),
    byteCount: z.number().int().nullable(),
    error: z.string().nullable(),
    /** The name the download is saved under. */
    fileName: z.string(),
    /** Where to download it, once complete. */
    downloadUrl: z.string().nullable(),
  })
  .meta({ id: "ExportJob" });
export type ExportJob = z.infer<typeof exportJobSchema>;

export const exportListSchema = z.object({ exports: z.array(exportJobSchema) }).meta({ id: "ExportList" });

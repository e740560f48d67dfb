// Export jobs as the organization sees them: requested by a supervisor, listed newest first, downloaded
// once complete. Running them is the runner's (src/server/jobs/export-runner.ts, with claims.ts).
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { CreateExport, ExportJob, ExportStatus, ReportFilters } from "../../../shared/reports";
import type { Db, Tx } from "../../db/client";
import { exportJobs, users } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { DomainError, notFound } from "../errors";
import { cleanFilters, type ReportScope } from "../reports/scope";

/** The page lists this many; files of older jobs are removed (claims.ts, pruneExports). */
export const LISTED_EXPORTS = 10;

export interface StoredExportQuery {
  from: string;
  to: string;
  filters: ReportFilters;
}

type JobRow = typeof exportJobs.$inferSelect & { requestedByName: string | null };

const jobColumns = {
  id: exportJobs.id,
  n: exportJobs.n,
  orgId: exportJobs.orgId,
  requestedBy: exportJobs.requestedBy,
  query: exportJobs.query,
  status: exportJobs.status,
  createdAt: exportJobs.createdAt,
  startedAt: exportJobs.startedAt,
  finishedAt: exportJobs.finishedAt,
  attempts: exportJobs.attempts,
  workerId: exportJobs.workerId,
  leaseUntil: exportJobs.leaseUntil,
  rowCount: exportJobs.rowCount,
  byteCount: exportJobs.byteCount,
  error: exportJobs.error,
  requestedByName: users.name,
};

/** `2026-03-01T0000Z`: a file name without characters that file systems or spreadsheets trip on. */
const fileStamp = (iso: string) => iso.replace(/:\d\d(\.\d+)?Z$/, "Z").replace(/:/g, "");

export function exportFileName(query: StoredExportQuery) {
  return `switchboard-sessions-${fileStamp(query.from)}-to-${fileStamp(query.to)}.csv`;
}

export function scopeOfExport(orgId: string, query: StoredExportQuery): ReportScope {
  return { orgId, from: new Date(query.from), to: new Date(query.to), filters: query.filters };
}

export function presentExportJob(row: JobRow): ExportJob {
  const query = row.query as unknown as StoredExportQuery;
  return {
    id: row.id,
    status: row.status as ExportStatus,
    range: { from: query.from, to: query.to },
    filters: query.filters,
    requestedBy: row.requestedBy ? { id: row.requestedBy, name: row.requestedByName ?? "" } : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    rowCount: row.rowCount,
    byteCount: row.byteCount,
    error: row.error,
    fileName: exportFileName(query),
    downloadUrl: row.status === "complete" ? `/api/v1/exports/${row.id}/download` : null,
  };
}

export async function createExportJob(ctx: CommandContext, requestedBy: string, input: CreateExport) {
  const id = randomUUID();
  const query: StoredExportQuery = {
    from: new Date(input.range.from).toISOString(),
    to: new Date(input.range.to).toISOString(),
    filters: cleanFilters(input.filters),
  };
  await ctx.tx.insert(exportJobs).values({
    id,
    orgId: ctx.orgId,
    requestedBy,
    query: query as unknown as Record<string, unknown>,
    status: "queued",
    createdAt: ctx.now,
  });
  const [row] = await jobsQuery(ctx.tx).where(eq(exportJobs.id, id));
  return presentExportJob(row);
}

function jobsQuery(db: Db | Tx) {
  return db.select(jobColumns).from(exportJobs).leftJoin(users, eq(users.id, exportJobs.requestedBy));
}

/** The organization's latest jobs, newest first. */
export async function listExportJobs(db: Db, orgId: string): Promise<ExportJob[]> {
  const rows = await jobsQuery(db).where(eq(exportJobs.orgId, orgId)).orderBy(desc(exportJobs.n)).limit(LISTED_EXPORTS);
  return rows.map(presentExportJob);
}

export async function getExportJob(db: Db, orgId: string, jobId: string): Promise<ExportJob> {
  const [row] = await jobsQuery(db).where(and(eq(exportJobs.orgId, orgId), eq(exportJobs.id, jobId)));
  if (!row) throw notFound("export");
  return presentExportJob(row);
}

/** A job whose file can be downloaded: complete, and this organization's. */
export async function getDownloadableExport(db: Db, orgId: string, jobId: string): Promise<ExportJob> {
  const job = await getExportJob(db, orgId, jobId);
  if (job.status !== "complete") {
    throw new DomainError(
      "conflict",
      job.status === "failed"
        ? `This export failed (${job.error ?? "unknown error"}); request it again.`
        : "This export is not ready yet; it can be downloaded once complete.",
    );
  }
  return job;
}

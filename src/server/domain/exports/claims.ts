// How export runners share the jobs: a runner claims the oldest unfinished job with FOR UPDATE SKIP LOCKED
// (two runners never take the same one) and leases it on the database's clock, renewing the lease while
// it works. A runner that dies stops renewing; once its lease lapses another runner (or the same server,
// restarted) claims the job again. Every later write names the runner, so one that lost its lease cannot
// finish a job someone else now holds.
import { and, asc, eq, inArray, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { exportJobs } from "../../db/schema";
import { LISTED_EXPORTS, type StoredExportQuery } from "./jobs";

/** A job that has been claimed this many times without finishing is given up. */
export const MAX_EXPORT_ATTEMPTS = 3;

export interface ClaimedExport {
  id: string;
  orgId: string;
  query: StoredExportQuery;
  attempts: number;
  /** The export is as of this instant: legs still queued or active are timed up to it, whoever runs it. */
  createdAt: Date;
}

const unfinished = inArray(exportJobs.status, ["queued", "running"]);
const ours = (jobId: string, workerId: string) =>
  and(eq(exportJobs.id, jobId), eq(exportJobs.workerId, workerId), eq(exportJobs.status, "running"));
const leaseFor = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

export async function claimNextExport(
  db: Db,
  workerId: string,
  leaseSeconds: number,
  now: Date,
): Promise<ClaimedExport | null> {
  const next = db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(
      and(
        unfinished,
        or(eq(exportJobs.status, "queued"), isNull(exportJobs.leaseUntil), lt(exportJobs.leaseUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(exportJobs.n))
    .limit(1)
    .for("update", { skipLocked: true });
  const [job] = await db
    .update(exportJobs)
    .set({
      status: "running",
      workerId,
      leaseUntil: leaseFor(leaseSeconds),
      attempts: sql`${exportJobs.attempts} + 1`,
      startedAt: now,
      rowCount: 0,
      error: null,
    })
    .where(inArray(exportJobs.id, next))
    .returning({
      id: exportJobs.id,
      orgId: exportJobs.orgId,
      query: exportJobs.query,
      attempts: exportJobs.attempts,
      createdAt: exportJobs.createdAt,
    });
  if (!job) return null;
  return { ...job, query: job.query as unknown as StoredExportQuery };
}

/** Keeps the lease and shows progress; false when the job is no longer this runner's. */
export async function renewExportLease(db: Db, jobId: string, workerId: string, leaseSeconds: number, rows: number) {
  const renewed = await db
    .update(exportJobs)
    .set({ leaseUntil: leaseFor(leaseSeconds), rowCount: rows })
    .where(ours(jobId, workerId))
    .returning({ id: exportJobs.id });
  return renewed.length > 0;
}

export async function completeExport(
  db: Db,
  jobId: string,
  workerId: string,
  result: { rows: number; bytes: number; finishedAt: Date },
) {
  const done = await db
    .update(exportJobs)
    .set({
      status: "complete",
      rowCount: result.rows,
      byteCount: result.bytes,
      finishedAt: result.finishedAt,
      leaseUntil: null,
    })
    .where(ours(jobId, workerId))
    .returning({ id: exportJobs.id });
  return done.length > 0;
}

export async function failExport(db: Db, jobId: string, workerId: string, error: string, finishedAt: Date) {
  await db
    .update(exportJobs)
    .set({ status: "failed", error: error.slice(0, 500), finishedAt, leaseUntil: null })
    .where(ours(jobId, workerId));
}

/** A runner stopping cleanly hands its job back at once rather than letting the lease lapse. */
export async function releaseExport(db: Db, jobId: string, workerId: string) {
  await db
    .update(exportJobs)
    .set({ status: "queued", workerId: null, leaseUntil: null, attempts: sql`${exportJobs.attempts} - 1` })
    .where(ours(jobId, workerId));
}

/**
 * Embedded PGlite has one process, so a job still marked running when it starts belonged to a process that
 * died: its lease is ended now instead of waited out.
 */
export async function releaseOrphanedExports(db: Db) {
  await db.update(exportJobs).set({ leaseUntil: null }).where(eq(exportJobs.status, "running"));
}

/** Finished jobs of the organization beyond the listed ones: removed, and their ids returned to drop the files. */
export async function pruneExports(db: Db, orgId: string): Promise<string[]> {
  const listed = db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(eq(exportJobs.orgId, orgId))
    .orderBy(sql`${exportJobs.n} desc`)
    .limit(LISTED_EXPORTS);
  const removed = await db
    .delete(exportJobs)
    .where(
      and(
        eq(exportJobs.orgId, orgId),
        inArray(exportJobs.status, ["complete", "failed"]),
        notInArray(exportJobs.id, listed),
      ),
    )
    .returning({ id: exportJobs.id });
  return removed.map((r) => r.id);
}

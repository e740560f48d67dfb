// Runs CSV exports in the background, one at a time per server process: claims the oldest waiting job
// (domain/exports/claims.ts), writes its file beside the others, renews its lease while it works, and
// marks it complete or failed. A job interrupted by a crash runs again once its lease lapses (at once on
// PGlite, where a starting server is the only one); a clean stop hands the job back immediately.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import type { Clock } from "../clock";
import { type Config, exportsDirOf } from "../config";
import type { Database } from "../db/client";
import {
  type ClaimedExport,
  claimNextExport,
  completeExport,
  failExport,
  MAX_EXPORT_ATTEMPTS,
  pruneExports,
  releaseExport,
  releaseOrphanedExports,
  renewExportLease,
} from "../domain/exports/claims";
import { exportFilePath } from "../domain/exports/files";
import { scopeOfExport } from "../domain/exports/jobs";
import { writeExportFile } from "../domain/exports/write-export";

export interface ExportRunnerOptions {
  database: Database;
  clock: Clock;
  /** EXPORTS_DIR, EXPORT_LEASE_SECONDS and EXPORT_BATCH_ROWS. */
  config: Config;
  pollMs?: number;
  onError(error: unknown): void;
}

class LeaseLost extends Error {}
class Stopping extends Error {}

export function startExportRunner(options: ExportRunnerOptions) {
  const { database, clock, config } = options;
  const dir = exportsDirOf(config);
  const leaseSeconds = config.EXPORT_LEASE_SECONDS;
  const db = database.db;
  const workerId = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  mkdirSync(dir, { recursive: true });
  let stopping = false;
  let running: Promise<void> | null = null;
  let current: AbortController | null = null;
  let orphansReleased = database.kind !== "pglite";

  async function run(job: ClaimedExport) {
    if (job.attempts > MAX_EXPORT_ATTEMPTS) {
      await failExport(db, job.id, workerId, `gave up after ${MAX_EXPORT_ATTEMPTS} interrupted attempts`, clock.now());
      return;
    }
    const controller = new AbortController();
    current = controller;
    const part = path.join(dir, `${job.id}.${workerId.replaceAll("/", "-")}.part`);
    let rows = 0;
    const heartbeat = setInterval(
      () => {
        renewExportLease(db, job.id, workerId, leaseSeconds, rows).then(
          (held) => held || controller.abort(new LeaseLost()),
          options.onError,
        );
      },
      (leaseSeconds * 1000) / 3,
    );
    try {
      const written = await writeExportFile(database, scopeOfExport(job.orgId, job.query), part, {
        now: job.createdAt,
        batchRows: config.EXPORT_BATCH_ROWS,
        signal: controller.signal,
        onProgress: (n) => {
          rows = n;
        },
      });
      await rename(part, exportFilePath(dir, job.id));
      if (await completeExport(db, job.id, workerId, { ...written, finishedAt: clock.now() })) {
        await removeLeftovers(job.id);
        for (const pruned of await pruneExports(db, job.orgId)) await removeFiles(pruned);
      }
    } catch (error) {
      await rm(part, { force: true });
      const reason = controller.signal.reason;
      if (reason instanceof Stopping) await releaseExport(db, job.id, workerId);
      else if (!(reason instanceof LeaseLost)) {
        options.onError(error);
        await failExport(db, job.id, workerId, error instanceof Error ? error.message : String(error), clock.now());
      }
    } finally {
      clearInterval(heartbeat);
      current = null;
    }
  }

  /** Parts left by attempts that died on the way. */
  async function removeLeftovers(jobId: string) {
    for (const name of await readdir(dir)) {
      if (name.startsWith(`${jobId}.`) && name.endsWith(".part")) await rm(path.join(dir, name), { force: true });
    }
  }

  async function removeFiles(jobId: string) {
    await rm(exportFilePath(dir, jobId), { force: true });
    await removeLeftovers(jobId);
  }

  async function drain() {
    if (!orphansReleased) {
      await releaseOrphanedExports(db);
      orphansReleased = true;
    }
    while (!stopping) {
      const job = await claimNextExport(db, workerId, leaseSeconds, clock.now());
      if (!job) return;
      await run(job);
    }
  }

  const poll = () => {
    if (running || stopping) return;
    running = drain()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(poll, options.pollMs ?? 1_000);
  timer.unref();
  poll();

  return {
    workerId,
    /** Looks for work now rather than at the next poll. */
    poll,
    async stop() {
      stopping = true;
      clearInterval(timer);
      current?.abort(new Stopping());
      await running;
    },
  };
}

export type ExportRunner = ReturnType<typeof startExportRunner>;

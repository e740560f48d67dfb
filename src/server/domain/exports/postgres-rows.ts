// On PostgreSQL an export's rows are handed on one by one as they arrive from the server (node-postgres'
// row events), on a connection of the export's own holding one read-only snapshot: no batch is ever held
// in memory, so the garbage of a million rows dies young instead of piling up (bench/RESULTS.md, reports).
import { once } from "node:events";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { ReportScope } from "../reports/scope";
import type { ExportRow } from "./csv";
import { type BatchRow, exportBatchQuery } from "./export-rows";

const dialect = new PgDialect();

export async function streamPostgresExportRows(
  pool: pg.Pool,
  scope: ReportScope,
  options: { now: Date; batchRows: number; signal?: AbortSignal },
  onRow: (row: ExportRow) => void,
  /** Awaited after each batch: backpressure, progress. */
  afterBatch: () => Promise<void>,
) {
  const client = await pool.connect();
  let failed = false;
  try {
    // One snapshot (the export is of one moment), and no parallel workers: they cost each batch more to
    // start than they saved, and their cores are the live path's.
    await client.query("begin isolation level repeatable read read only");
    await client.query("set local max_parallel_workers_per_gather = 0");
    let after: BatchRow | null = null;
    for (;;) {
      options.signal?.throwIfAborted();
      const { sql, params } = dialect.sqlToQuery(exportBatchQuery(scope, options, after));
      const query = new pg.Query<BatchRow>({ text: sql, values: params });
      let count = 0;
      let last: BatchRow | null = null;
      query.on("row", (row: BatchRow) => {
        count++;
        last = row;
        onRow(row);
      });
      const ended = once(query, "end");
      client.query(query);
      await ended;
      await afterBatch();
      if (count < options.batchRows || !last) break;
      after = last;
    }
    await client.query("commit");
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A connection left mid-transaction by a failure is not given back to the pool to be reused.
    client.release(failed ? true : undefined);
  }
}

// Writes an export's CSV file: rows from the database go through csv-stringify into the file, and the next
// batch is not read before the file has caught up, so memory stays flat however many rows there are.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type pg from "pg";
import type { Database } from "../../db/client";
import type { ReportScope } from "../reports/scope";
import { exportHeader, toCsvRecord } from "./csv";
import { readExportBatches } from "./export-rows";
import { streamPostgresExportRows } from "./postgres-rows";

export interface WriteExportOptions {
  now: Date;
  batchRows: number;
  signal?: AbortSignal;
  /** Told how many rows are written so far, after each batch. */
  onProgress?: (rows: number) => void;
}

export async function writeExportFile(
  database: Database,
  scope: ReportScope,
  file: string,
  options: WriteExportOptions,
) {
  // RFC 4180 quoting by csv-stringify; every text cell quoted, as OWASP advises beside the formula guard;
  // a byte-order mark so spreadsheets read UTF-8 (names with accents or emoji) as such.
  const csv = stringify({ header: true, columns: [...exportHeader], bom: true, quoted_string: true, eof: true });
  const written = pipeline(csv, createWriteStream(file), { signal: options.signal });
  written.catch(() => {}); // awaited below; an early failure must not go unhandled meanwhile
  let rows = 0;
  const afterBatch = async () => {
    options.onProgress?.(rows);
    // Backpressure a batch at a time: the file catches up before the next batch is read.
    if (csv.writableNeedDrain) await Promise.race([once(csv, "drain", { signal: options.signal }), written]);
  };
  const writeRow = (row: Parameters<typeof toCsvRecord>[0]) => {
    rows++;
    csv.write(toCsvRecord(row));
  };
  if (database.kind === "postgres") {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    await streamPostgresExportRows(pool, scope, options, writeRow, afterBatch);
  } else {
    // Embedded PGlite has one connection: each batch is a query of its own (no transaction holding the live
    // path off for the whole export), and its queries run in between.
    for await (const batch of readExportBatches(database.db, scope, options)) {
      options.signal?.throwIfAborted();
      for (const row of batch) writeRow(row);
      await afterBatch();
    }
  }
  csv.end();
  await written;
  return { rows, bytes: (await stat(file)).size };
}

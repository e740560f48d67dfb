// The two databases every benchmark runs on: embedded PGlite in a temporary folder, and a PostgreSQL
// database of the benchmark's own on the local server, created fresh and dropped afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type DatabaseKind = "PGlite" | "PostgreSQL";

export interface BenchDatabase {
  kind: DatabaseKind;
  /** What the server process gets: DATA_DIR for PGlite, DATABASE_URL for PostgreSQL. */
  env: { DATA_DIR: string } | { DATABASE_URL: string; EXPORTS_DIR: string };
  /** A second temporary folder for the raw PGlite baseline; the PostgreSQL URL for its baseline. */
  baselineTarget: string;
  version: string;
  drop(): Promise<void>;
}

export const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// Named by the run's process, so two runs on one machine (engineers share these) never drop each other's.
const BENCH_DATABASE = `switchboard_bench_${process.pid}`;

export async function createPgliteDatabase(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-pglite-"));
  const baselineDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-pglite-raw-"));
  const { PGlite } = await import("@electric-sql/pglite");
  const probe = new PGlite();
  const { rows } = await probe.query<{ v: string }>("select current_setting('server_version') as v");
  await probe.close();
  return {
    kind: "PGlite",
    env: { DATA_DIR: dataDir },
    baselineTarget: baselineDir,
    version: `PGlite (PostgreSQL ${rows[0].v})`,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(baselineDir, { recursive: true, force: true });
    },
  };
}

/** Null (with the reason) when no PostgreSQL server answers; the runner then says so and goes on. */
export async function createPostgresDatabase(): Promise<BenchDatabase | { unavailable: string }> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    return { unavailable: `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message})` };
  }
  try {
    const { rows } = await admin.query<{ v: string }>("select current_setting('server_version') as v");
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin.query(`create database ${BENCH_DATABASE}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${BENCH_DATABASE}`;
    // The reports benchmark's CSV files: beside the benchmark, never in the project's ./data.
    const exportsDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-exports-"));
    return {
      kind: "PostgreSQL",
      env: { DATABASE_URL: url.toString(), EXPORTS_DIR: exportsDir },
      baselineTarget: url.toString(),
      version: `PostgreSQL ${rows[0].v}`,
      async drop() {
        rmSync(exportsDir, { recursive: true, force: true });
        const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
        await client.connect();
        await client.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
        await client.end();
      },
    };
  } finally {
    await admin.end();
  }
}

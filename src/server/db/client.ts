// Opens the database: embedded PGlite (a folder on disk, or memory) by default, PostgreSQL when a URL is
// given. Everything above this file sees one Drizzle API and does not know which it got.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import pg from "pg";
import { EmbeddedDatabaseThread } from "./embedded-connection";
import { PreparingClient } from "./preparing-client";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The rows of a `sql` statement's result, as the driver gave them (Drizzle types `execute` loosely). */
export const rowsOf = <R>(result: unknown) => (result as { rows: R[] }).rows;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Applies pending migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  /** A dedicated PostgreSQL connection for LISTEN; null on PGlite, where one process owns the data. */
  connectListener(): Promise<pg.Client> | null;
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const MIGRATION_LOCK = 0x5b_0a_7d;

export type DatabaseTarget = { url: string; poolSize?: number } | { dataDir: string } | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ("url" in target) return openPostgres(target.url, target.poolSize ?? 12);
  let dataDir: string | null = null;
  if ("dataDir" in target) {
    mkdirSync(target.dataDir, { recursive: true });
    dataDir = path.resolve(target.dataDir);
  }
  return openEmbedded(await EmbeddedDatabaseThread.start(dataDir));
}

/**
 * PGlite runs in a thread of its own (embedded-connection.ts), spoken to over the wire protocol by the same
 * node-postgres client as a server is: one session, so one connection, kept open while idle.
 */
function openEmbedded(thread: EmbeddedDatabaseThread): Database {
  const pool = new pg.Pool({
    max: 1,
    idleTimeoutMillis: 0,
    user: "postgres",
    database: "postgres",
    stream: () => thread.connect(),
    Client: PreparingClient,
  } as pg.PoolConfig);
  watchPool(pool);
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migrateNodePg(db as never, { migrationsFolder }),
    connectListener: () => null,
    async close() {
      await pool.end();
      await thread.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: PreparingClient });
  watchPool(pool);
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
        await client.end();
      }
    },
    async connectListener() {
      const client = new pg.Client({ connectionString: url });
      client.on("error", () => {});
      await client.connect();
      return client;
    },
    close: () => pool.end(),
  };
}

function watchPool(pool: pg.Pool) {
  // An idle client that loses its connection must not take the process down with it.
  pool.on("error", () => {});
  // A BEGIN held back for a statement that never came must not open the next borrower's transaction.
  pool.on("release", (_error, client) => (client as unknown as PreparingClient).forgetHeldBegin());
}

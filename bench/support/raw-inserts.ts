// The ceiling the throughput figure is read against: how many one-row INSERT commits per second the
// database itself takes on this machine right now (pgbench's simplest transaction, MEASURED.md), with no
// HTTP, no ORM and no rules in between.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

const TABLE = "bench_raw_inserts";
const CREATE = `create table if not exists ${TABLE} (id bigserial primary key, org_id int not null, payload text not null, created_at timestamptz not null default now())`;
const INSERT = `insert into ${TABLE} (org_id, payload) values ($1, $2)`;
const PAYLOAD = "x".repeat(100);

/** `clients` PostgreSQL connections, each committing one-row inserts back to back for `durationMs`. */
export async function postgresInsertsPerSecond(url: string, clients: number, durationMs: number): Promise<number> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    await connections[0].query(CREATE);
    let commits = 0;
    const endsAt = performance.now() + durationMs;
    const started = performance.now();
    await Promise.all(
      connections.map(async (client) => {
        while (performance.now() < endsAt) {
          await client.query(INSERT, [1, PAYLOAD]);
          commits++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await connections[0].query(`drop table ${TABLE}`);
    return commits / seconds;
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
}

/** PGlite has one connection: a loop of one-row inserts, each its own commit, in a folder on disk. */
export async function pgliteInsertsPerSecond(dataDir: string, durationMs: number): Promise<number> {
  const db = new PGlite(dataDir);
  await db.waitReady;
  try {
    await db.query(CREATE);
    let commits = 0;
    const endsAt = performance.now() + durationMs;
    const started = performance.now();
    while (performance.now() < endsAt) {
      await db.query(INSERT, [1, PAYLOAD]);
      commits++;
    }
    return commits / ((performance.now() - started) / 1000);
  } finally {
    await db.close();
  }
}

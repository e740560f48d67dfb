// The PostgreSQL driver's client, on the real server in both suites: it is a driver's behaviour, not the
// embedded database's.
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseUrl } from "../../../test/support/server";
import { PreparingClient } from "./preparing-client";

const url = databaseUrl || "postgres://postgres@127.0.0.1:5432/postgres";

let client: PreparingClient;
beforeEach(async () => {
  client = new PreparingClient({ connectionString: url });
  await client.connect();
});
afterEach(() => client.end());

async function preparedStatements() {
  const result: pg.QueryResult<{ name: string; statement: string }> = await client.query(
    "select name, statement from pg_prepared_statements order by statement",
  );
  return result.rows;
}

describe("a parameterised statement is prepared once per connection", () => {
  it("runs the same text with other values through one prepared statement, with the right results", async () => {
    const text = "select $1::int + $2::int as sum";
    expect((await client.query(text, [1, 2])).rows).toEqual([{ sum: 3 }]);
    expect((await client.query({ text, values: [40, 2] })).rows).toEqual([{ sum: 42 }]);
    const prepared = await preparedStatements();
    expect(prepared).toHaveLength(1);
    expect(prepared[0].statement).toBe(text);
    expect(prepared[0].name).toMatch(/^sb_/);
  });

  it("gives two texts two statements", async () => {
    await client.query("select $1::int as a", [1]);
    await client.query("select $1::int as b", [1]);
    expect((await preparedStatements()).map((s) => s.statement)).toEqual([
      "select $1::int as a",
      "select $1::int as b",
    ]);
  });

  it("leaves statements without parameters, named ones and submittables as they are", async () => {
    await client.query("select 1 as one");
    await new Promise((resolve, reject) =>
      client.query("select 2 as two; select 3 as three", (error: Error | null) =>
        error ? reject(error) : resolve(null),
      ),
    );
    await client.query({ name: "mine", text: "select $1::text as t", values: ["x"] });
    const cursor = client.query(new pg.Query({ text: "select $1::int as c", values: [7] }));
    await new Promise((resolve, reject) => cursor.on("end", resolve).on("error", reject));
    expect(await preparedStatements()).toEqual([{ name: "mine", statement: "select $1::text as t" }]);
  });
});

describe("under Drizzle", () => {
  it("prepares the statements Drizzle sends (a config object with the values beside it)", async () => {
    const text = "select $1::text as greeting";
    expect((await client.query({ text }, ["hello"])).rows).toEqual([{ greeting: "hello" }]);
    expect((await client.query({ text }, ["again"])).rows).toEqual([{ greeting: "again" }]);
    expect((await preparedStatements()).map((s) => s.statement)).toEqual([text]);
  });
});

describe("a transaction's BEGIN goes out with its first statement", () => {
  it("still opens the transaction the statements after it run in", async () => {
    await client.query("create temporary table kept (n int)");
    await client.query("begin");
    await client.query("insert into kept values ($1)", [1]);
    const [first] = (await client.query("select pg_current_xact_id()::text as id")).rows;
    const [second] = (await client.query("select pg_current_xact_id()::text as id")).rows;
    await client.query("rollback");
    expect(second.id).toBe(first.id);
    expect((await client.query("select count(*)::int as n from kept")).rows).toEqual([{ n: 0 }]);
  });

  it("answers the BEGIN at once and the statement behind it with its own result or error", async () => {
    await expect(client.query("begin")).resolves.toMatchObject({ command: "BEGIN" });
    await expect(client.query("select $1::int as x", ["not a number"])).rejects.toThrow(/invalid input syntax/);
    await client.query("rollback");
    expect((await client.query("select $1::int as x", [5])).rows).toEqual([{ x: 5 }]);
  });

  it("gives a submittable query sent after the BEGIN back as itself", async () => {
    await client.query("begin");
    const submitted = client.query(new pg.Query({ text: "select $1::int as c", values: [7] }));
    expect(submitted).toBeInstanceOf(pg.Query);
    await new Promise((resolve, reject) => submitted.on("end", resolve).on("error", reject));
    await client.query("rollback");
  });

  it("drops a BEGIN that no statement followed when the client goes back to the pool", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1, Client: PreparingClient });
    pool.on("release", (_error, released) => (released as unknown as PreparingClient).forgetHeldBegin());
    try {
      const first = await pool.connect();
      await first.query("create temporary table kept (n int)");
      await first.query("begin");
      first.release();
      const next = await pool.connect(); // the same connection: the pool holds one
      await next.query("insert into kept values (1)");
      await next.query("rollback"); // undoes nothing: the insert ran on its own, not in a held transaction
      expect((await next.query("select count(*)::int as n from kept")).rows).toEqual([{ n: 1 }]);
      next.release();
    } finally {
      await pool.end();
    }
  });
});

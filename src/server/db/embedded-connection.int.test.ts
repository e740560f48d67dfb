// The embedded database's thread, spoken to by node-postgres over the wire protocol. In both suites: it is
// how the embedded database is reached, whichever database the rest of the suite runs on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedDatabaseThread } from "./embedded-connection";

let thread: EmbeddedDatabaseThread;
beforeAll(async () => {
  thread = await EmbeddedDatabaseThread.start(null);
});
afterAll(() => thread?.close());

async function connect(stream: () => Duplex = () => thread.connect()) {
  const client = new pg.Client({ user: "postgres", database: "postgres", stream } as pg.ClientConfig);
  await client.connect();
  return client;
}

describe("the embedded database's thread", () => {
  it("answers statements, prepared statements, transactions and errors as a PostgreSQL server does", async () => {
    const client = await connect();
    await client.query("create table notes (id int primary key, body text)");
    await client.query("begin");
    await client.query({ name: "add", text: "insert into notes values ($1, $2)", values: [1, "one"] });
    await client.query({ name: "add", text: "insert into notes values ($1, $2)", values: [2, "two"] });
    await client.query("commit");
    await expect(client.query("insert into notes values (1, 'again')")).rejects.toMatchObject({ code: "23505" });
    expect((await client.query("select id, body from notes order by id")).rows).toEqual([
      { id: 1, body: "one" },
      { id: 2, body: "two" },
    ]);
    await client.end();
  });

  it("hands PostgreSQL whole messages only, however the client's bytes were cut", async () => {
    // Every write split after its third byte: each message's type and length arrive in two pieces.
    const client = await connect(() => {
      const stream = thread.connect();
      const write = stream.write.bind(stream) as (chunk: Buffer) => boolean;
      stream.write = ((chunk: Buffer) => {
        write(chunk.subarray(0, 3));
        return write(chunk.subarray(3));
      }) as typeof stream.write;
      return stream;
    });
    expect((await client.query("select $1::text || '!' as said", ["whole"])).rows).toEqual([{ said: "whole!" }]);
    await client.end();
  });

  it("starts each connection afresh: what the last one prepared or left open is gone, what it committed is kept", async () => {
    const first = await connect();
    await first.query("create table kept (n int)");
    await first.query({ name: "same name", text: "insert into kept values ($1)", values: [7] });
    await first.query("begin");
    await first.query("insert into kept values (8)");
    await first.end(); // inside the transaction: never committed
    const second = await connect();
    // The same name for another statement: refused if the first connection's statement were still there.
    expect((await second.query({ name: "same name", text: "select n from kept", values: [] })).rows).toEqual([
      { n: 7 },
    ]);
    await second.end();
  });

  it("keeps a folder's data when it is closed and opened again", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-embedded-"));
    try {
      const before = await EmbeddedDatabaseThread.start(dataDir);
      const writer = await connect(() => before.connect());
      await writer.query("create table lasting (word text)");
      await writer.query("insert into lasting values ('still here')");
      await writer.end();
      await before.close();

      const after = await EmbeddedDatabaseThread.start(dataDir);
      const reader = await connect(() => after.connect());
      expect((await reader.query("select word from lasting")).rows).toEqual([{ word: "still here" }]);
      await reader.end();
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("fails a connection to a closed database at once instead of leaving it waiting", async () => {
    const closing = await EmbeddedDatabaseThread.start(null);
    await closing.close();
    await expect(connect(() => closing.connect())).rejects.toThrow("the embedded database is closed");
  });
});

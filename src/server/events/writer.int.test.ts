import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl } from "../../../test/support/server";
import { systemClock } from "../clock";
import { type Database, openDatabase, rowsOf } from "../db/client";
import { bots, eventCounters, events } from "../db/schema";
import { DomainError } from "../domain/errors";
import { createOrganization } from "../domain/organizations";
import { readEventsAfter } from "./log";
import { Writer } from "./writer";

let database: Database;
beforeAll(async () => {
  database = databaseUrl ? await openDatabase({ url: databaseUrl, poolSize: 4 }) : await openDatabase({ memory: true });
  await database.migrate();
});
afterAll(() => database?.close());

/** A writer whose committed events (bot.changed, in these tests) are told as their bots' names, in order. */
const writerTellingBotNames = (delivered: string[]) =>
  new Writer(database, systemClock, (_org, evts) =>
    delivered.push(...evts.map((e) => (e.data as { bot: { name: string } }).bot.name)),
  );

describe("the writer: one path for every change", () => {
  it("numbers events without gaps in commit order, even when commands of one organization are batched", async () => {
    const org = await createOrganization(database.db, { name: "Writer org" });
    const delivered: number[] = [];
    const writer = new Writer(database, systemClock, (_org, evts) => delivered.push(...evts.map((e) => e.seq)), {
      maxBatch: 8,
    });
    const names = Array.from({ length: 100 }, (_, i) => `bot-${i}`);
    await Promise.all(
      names.map((name) =>
        writer.run(org.id, async (ctx) => {
          await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name });
          ctx.emit("bot.changed", { bot: { id: randomUUID(), name } });
        }),
      ),
    );
    const logged = await readEventsAfter(database.db, org.id, 0, 1000);
    expect(logged.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(logged.map((e) => (e.data as { bot: { name: string } }).bot.name))).toEqual(new Set(names));
    expect([...delivered].sort((a, b) => a - b)).toEqual(logged.map((e) => e.seq));
  });

  it("a command that breaks a rule changes nothing and does not disturb the others in its batch", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 2" });
    const writer = new Writer(database, systemClock, () => {}, { maxBatch: 16 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        writer.run(org.id, async (ctx) => {
          await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name: `b${i}` });
          ctx.emit("bot.changed", { bot: { id: randomUUID(), name: `b${i}` } });
          if (i % 3 === 0) throw new DomainError("conflict", `rule broken by ${i}`);
          return i;
        }),
      ),
    );
    const rejected = outcomes.filter((o) => o.status === "rejected");
    expect(rejected).toHaveLength(10);
    expect(rejected.every((o) => (o as PromiseRejectedResult).reason instanceof DomainError)).toBe(true);
    const stored = await database.db.select({ name: bots.name }).from(bots).where(eq(bots.orgId, org.id));
    expect(stored.map((b) => b.name).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => i)
        .filter((i) => i % 3 !== 0)
        .map((i) => `b${i}`)
        .sort(),
    );
    const logged = await database.db.select({ seq: events.seq }).from(events).where(eq(events.orgId, org.id));
    expect(logged.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("a failure that is not a rule (a database error) is retried alone so the rest of the batch commits", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 3" });
    const writer = new Writer(database, systemClock, () => {}, { maxBatch: 16 });
    const outcomes = await Promise.allSettled(
      ["dup", "dup", "ok-1", "ok-2"].map((name) =>
        writer.run(org.id, async (ctx) => {
          await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name });
          ctx.emit("bot.changed", { bot: { id: randomUUID(), name } });
        }),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    const stored = await database.db.select({ name: bots.name }).from(bots).where(eq(bots.orgId, org.id));
    expect(stored.map((b) => b.name).sort()).toEqual(["dup", "ok-1", "ok-2"]);
  });

  it("a batch that took memory the database no longer agrees with is rolled back and run again without it", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 4" });
    const writer = new Writer(database, systemClock, () => {});
    const addBot = (name: string) =>
      writer.run(org.id, async (ctx) => {
        const remembered = ctx.cache.get("bots") as string[] | undefined;
        // What is remembered is believed only while the database still has exactly those bots.
        if (remembered) ctx.assume(sql`(select count(*) from ${bots} where org_id = ${org.id}) = ${remembered.length}`);
        const known =
          remembered ??
          (await ctx.tx.select({ name: bots.name }).from(bots).where(eq(bots.orgId, org.id))).map((b) => b.name);
        await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name });
        ctx.emit("bot.changed", { bot: { id: randomUUID(), name } });
        ctx.cache.set("bots", [...known, name]);
        return known;
      });
    expect(await addBot("first")).toEqual([]);
    expect(await addBot("second")).toEqual(["first"]); // from memory, and the memory was right
    await database.db.insert(bots).values({ id: randomUUID(), orgId: org.id, name: "behind its back" });
    // The memory says two bots, the database has three: the first run is undone, the second reads afresh.
    expect((await addBot("third")).sort()).toEqual(["behind its back", "first", "second"]);
    const stored = await database.db.select({ name: bots.name }).from(bots).where(eq(bots.orgId, org.id));
    expect(stored.map((b) => b.name).sort()).toEqual(["behind its back", "first", "second", "third"]);
    expect((await readEventsAfter(database.db, org.id, 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("commits nothing of an organization that has no event counter: no change goes without its event", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 5" });
    await database.db.delete(eventCounters).where(eq(eventCounters.orgId, org.id));
    const writer = new Writer(database, systemClock, () => {});
    const added = writer.run(org.id, async (ctx) => {
      await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name: "orphan" });
      ctx.emit("bot.changed", { bot: { id: randomUUID(), name: "orphan" } });
    });
    await expect(added).rejects.toThrow();
    expect(await database.db.select().from(bots).where(eq(bots.orgId, org.id))).toEqual([]);
  });

  it("rolls back a batch whose events cannot even be written down: no change goes without its event", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 6" });
    const writer = new Writer(database, systemClock, () => {});
    const added = writer.run(org.id, async (ctx) => {
      await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name: "unsayable" });
      // JSON cannot say a BigInt: preparing the events' statement throws.
      ctx.emit("bot.changed", { bot: { id: randomUUID(), name: 1n as never } });
    });
    await expect(added).rejects.toThrow(/BigInt/);
    expect(await database.db.select().from(bots).where(eq(bots.orgId, org.id))).toEqual([]);
  });

  it("deferred work that sends a statement without waiting keeps its events first, and its failure is the batch's", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 7" });
    const delivered: string[] = [];
    const writer = writerTellingBotNames(delivered);
    const name = (id: string) => ({ bot: { id: randomUUID(), name: id } });
    // Stage 0 sends a statement and tells of its answer later; stage 1 tells at once, before that answer.
    await writer.run(org.id, async (ctx) => {
      ctx.beforeCommit("first", async (deferred) => {
        const sent = deferred.tx.execute(sql`select 1`);
        deferred.settle(sent.then(() => deferred.emit("bot.changed", name("sent first"))));
      });
      ctx.beforeCommit("second", async (deferred) => deferred.emit("bot.changed", name("told first")), 1);
    });
    expect(delivered).toEqual(["sent first", "told first"]);

    // The statement behind a failed one fails only because of it (an aborted transaction): the first says why.
    const failed = writer.run(org.id, async (ctx) => {
      await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name: "never" });
      ctx.emit("bot.changed", name("never"));
      ctx.beforeCommit("first", async (deferred) => {
        deferred.settle(deferred.tx.execute(sql`select 1 / 0`).then(() => {}));
      });
      ctx.beforeCommit("second", async (deferred) => void (await deferred.tx.execute(sql`select 2`)), 1);
    });
    await expect(failed).rejects.toMatchObject({ cause: { code: "22012" } });
    expect(await database.db.select().from(bots).where(eq(bots.orgId, org.id))).toEqual([]);
  });

  it("a command's last statement lets the next command start before its answer, as if they ran one by one", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 9" });
    const delivered: string[] = [];
    const writer = writerTellingBotNames(delivered);
    await database.db.insert(bots).values({ id: randomUUID(), orgId: org.id, name: "old" });
    const happened: string[] = [];
    const rename = writer.run(org.id, async (ctx) => {
      const renamed = ctx.tx.execute(sql`update bots set name = 'new' where org_id = ${org.id} returning name`);
      const answer = await ctx.lastStatement(renamed, (result) => rowsOf(result).length > 0);
      happened.push("the rename's answer read");
      ctx.emit("bot.changed", { bot: { id: randomUUID(), name: rowsOf<{ name: string }>(answer)[0].name } });
    });
    // Submitted together, so one batch; the statement of this command goes out behind the rename's.
    const read = writer.run(org.id, async (ctx) => {
      happened.push("the next command started");
      const result = await ctx.tx.execute(sql`select name from bots where org_id = ${org.id}`);
      ctx.emit("bot.changed", { bot: { id: randomUUID(), name: `saw ${rowsOf<{ name: string }>(result)[0].name}` } });
    });
    await Promise.all([rename, read]);
    expect(happened).toEqual(["the next command started", "the rename's answer read"]);
    expect(delivered).toEqual(["new", "saw new"]);
  });

  it("an answer the command did not hope for runs the batch again command by command, on its slower path", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 10" });
    const writer = new Writer(database, systemClock, () => {});
    const paths: string[] = [];
    const renameMissing = writer.run(org.id, async (ctx) => {
      const renamed = ctx.tx.execute(sql`update bots set name = 'x' where org_id = ${org.id} returning name`);
      const answer = await ctx.lastStatement(renamed, (result) => rowsOf(result).length > 0);
      if (rowsOf(answer).length > 0) return "renamed";
      paths.push("slower path");
      throw new DomainError("not_found", "No bot to rename.");
    });
    const add = writer.run(org.id, async (ctx) => {
      paths.push("add");
      await ctx.tx.insert(bots).values({ id: randomUUID(), orgId: org.id, name: "added" });
      ctx.emit("bot.changed", { bot: { id: randomUUID(), name: "added" } });
    });
    await expect(renameMissing).rejects.toThrow("No bot to rename.");
    await add;
    // First run: both started, the rename's answer was not the hoped one; second run: one by one.
    expect(paths).toEqual(["add", "slower path", "add"]);
    expect(await database.db.select({ name: bots.name }).from(bots).where(eq(bots.orgId, org.id))).toEqual([
      { name: "added" },
    ]);
    expect((await readEventsAfter(database.db, org.id, 0, 10)).map((e) => e.seq)).toEqual([1]);
  });

  it("a command that starts a statement after its last one runs the batch again one by one, never out of order", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 12" });
    const delivered: string[] = [];
    const writer = writerTellingBotNames(delivered);
    await database.db.insert(bots).values({ id: randomUUID(), orgId: org.id, name: "plain" });
    const renameTwice = writer.run(org.id, async (ctx) => {
      const renamed = ctx.tx.execute(sql`update bots set name = 'first' where org_id = ${org.id} returning name`);
      await ctx.lastStatement(renamed, (result) => rowsOf(result).length > 0);
      await ctx.tx.execute(sql`update bots set name = name || ' and more' where org_id = ${org.id}`);
    });
    const read = writer.run(org.id, async (ctx) => {
      const result = await ctx.tx.execute(sql`select name from bots where org_id = ${org.id}`);
      ctx.emit("bot.changed", { bot: { id: randomUUID(), name: `saw ${rowsOf<{ name: string }>(result)[0].name}` } });
    });
    await Promise.all([renameTwice, read]);
    // Between the two renames the read would have seen "first"; one by one, it sees both.
    expect(delivered).toEqual(["saw first and more"]);
    expect(await database.db.select({ name: bots.name }).from(bots).where(eq(bots.orgId, org.id))).toEqual([
      { name: "first and more" },
    ]);
  });

  it("runs an organization's batches one at a time when asked, the next waiting for the last one's callers", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 11" });
    // A wait long enough never to run out here: the next batch starts when the callers are back, not on time.
    const writer = new Writer(database, systemClock, () => {}, { gatherMs: 60_000 });
    const transactionOf = new Map<string, string>();
    const command = (name: string, also?: () => void) =>
      writer.run(org.id, async (ctx) => {
        ctx.serializeOrganization();
        also?.();
        const [row] = rowsOf<{ txid: string }>(await ctx.tx.execute(sql`select txid_current()::text as txid`));
        transactionOf.set(name, row.txid);
      });
    let waiting: Promise<void> | undefined;
    // A and B commit together; C arrives meanwhile; A's and B's callers come back a turn after their answers,
    // as an HTTP client would.
    const comeBack = (name: string) => new Promise<void>((resolve) => setImmediate(resolve)).then(() => command(name));
    const first = [
      command("A", () => {
        waiting ??= command("C");
      }).then(() => comeBack("A2")),
      command("B").then(() => comeBack("B2")),
    ];
    await Promise.all(first);
    await waiting;
    expect(transactionOf.get("A")).toBe(transactionOf.get("B"));
    // C did not go alone: it waited for A's and B's callers, and the three shared the next transaction.
    expect(transactionOf.get("C")).not.toBe(transactionOf.get("A"));
    expect(transactionOf.get("A2")).toBe(transactionOf.get("C"));
    expect(transactionOf.get("B2")).toBe(transactionOf.get("C"));
  });

  it("never has two batches of an organization in flight once they run one at a time, whatever went before", async () => {
    const org = await createOrganization(database.db, { name: "Writer org 13" });
    const writer = new Writer(database, systemClock, () => {}, { maxBatch: 2, maxConcurrent: 4 });
    let inFlight = 0;
    let most = 0;
    const command = (ms = 0) =>
      writer.run(org.id, async (ctx) => {
        ctx.serializeOrganization();
        inFlight++;
        most = Math.max(most, inFlight);
        await ctx.tx.execute(sql`select pg_sleep(${ms / 1000})`);
        inFlight--;
      });
    // Before any command asked, batches of two and one run side by side; when the first of them commits the
    // organization already runs one at a time. Then a slow batch, and a command that arrives during it.
    await Promise.all([command(), command(), command()]);
    most = 0;
    const slow = command(30);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([slow, command()]);
    expect(most).toBe(1);
  });
});

// The one path for every change: a command runs in a transaction, appends its events, commits, and only
// then is anyone told (STYLE.md, "One path for every change").
//
// Sequence numbers come from one counter row per organization, bumped as the last statement before
// COMMIT, so they have no gaps and follow commit order; the row lock is held only for that final step.
// Commands of one organization that arrive while a transaction is in flight are committed together in the
// next one, which lifts the one-commit-per-change ceiling of a hot counter row (MEASURED.md) without
// weakening "committed before anyone hears of it". A batch first runs without savepoints (a round trip
// each, twice per command); only when one of its commands breaks a rule is it rolled back and run again
// with a savepoint around each command, so the rule-breaker alone is undone. Commands may use what this
// process remembers of the organization (`cache`) if they `assume` it is still true; the last statement
// checks every assumption, and a batch whose memory went stale is rolled back and run again without it.
// COMMIT follows that last statement without waiting for its answer (the two share a trip
// over the wire): when the statement fails, PostgreSQL turns the COMMIT into a rollback, and the batch
// learns of it from the statement's own answer.
import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { EventPayload, EventType, LiveEvent } from "../../shared/events";
import type { Clock } from "../clock";
import { type Database, rowsOf, type Tx } from "../db/client";
import { eventCounters, events } from "../db/schema";
import { DomainError } from "../domain/errors";

export const NOTIFY_CHANNEL = "switchboard_events";
/** Names this process in its doorbells (see bus.ts). */
export const PROCESS_ID = randomUUID().slice(0, 8);

export interface CommandContext {
  tx: Tx;
  orgId: string;
  now: Date;
  emit<T extends EventType>(type: T, data: EventPayload<T>): void;
  /**
   * Work that runs once per transaction, after all of its commands and just before COMMIT, in the same
   * transaction (the hand-offs' rows, written together; automatic assignment, one pass for the batch). The
   * first task registered under a key wins; tasks run by `stage`, lowest first, then in the order they
   * were registered. `shared` is a scratchpad the commands of one transaction use to leave them input.
   */
  beforeCommit(key: string, task: DeferredTask, stage?: number): void;
  shared: Map<string, unknown>;
  /**
   * This process's memory for the organization, kept across transactions. Whatever is kept here must be
   * checked against the database before it is used (domain/org-config.ts checks a version).
   */
  cache: Map<string, unknown>;
  /**
   * A condition (SQL, true or false) that what this transaction took from `cache` is still true. It is
   * checked in the transaction's last statement; when it is false the transaction rolls back and runs again
   * with the organization's memory forgotten, so nothing is committed on a stale copy.
   */
  assume(condition: SQL): void;
  /**
   * Says the organization's transactions serialize on a lock of their own until COMMIT (automatic
   * assignment): for a while its batches then run one at a time in this process, growing while they wait
   * instead of each holding a connection to wait for the lock.
   */
  serializeOrganization(): void;
  /**
   * The command's common case as its last statement: `statement` went out, `hoped` tells the answer that
   * leaves the command nothing to do but memory work (emit, present, ask for a pass). In the first run of a
   * batch the writer then starts the next command without waiting for the answer, so the statements of a
   * batch's commands travel together (PostgreSQL runs them in the order sent, as if awaited one by one).
   * Any other answer reruns the batch command by command, where the command takes its slower path.
   */
  lastStatement<T>(statement: Promise<T>, hoped: (answer: T) => boolean): Promise<T>;
}
export type Command<R> = (ctx: CommandContext) => Promise<R>;

/** What work deferred to just before COMMIT may do beyond a command. */
export interface DeferredContext extends CommandContext {
  /**
   * A statement sent and not waited for, with what follows from its answer (the hand-offs' rows and
   * their events): the next task's statements then follow it on the wire without a wait for its answer.
   * The writer waits for it before the events are appended; when it failed, its error is the batch's (the
   * statements behind it fail only because it did). Events keep the order of the tasks that emit them.
   */
  settle(answer: Promise<void>): void;
}
type DeferredTask = (ctx: DeferredContext) => Promise<void>;

interface Job {
  command: Command<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface OrgQueue {
  pending: Job[];
  running: number;
  scheduled: boolean;
  /** Waiting for the callers of the batch just committed to come back (see GATHER_MS). */
  gathering?: { expected: number; timer: NodeJS.Timeout };
}

export interface WriterOptions {
  /** Most commands committed in one transaction. */
  maxBatch?: number;
  /** Transactions of one organization in flight at once (1 on PGlite, which has one connection). */
  maxConcurrent?: number;
  /** How long the next batch may wait for the last one's callers (GATHER_MS). */
  gatherMs?: number;
}

type Outcome = { ok: true; value: unknown; events: LiveEvent[] } | { ok: false; error: unknown };
/** The commands' outcomes, in order, and the events of the work deferred to just before COMMIT. */
type Outcomes = Outcome[] & { trailing?: LiveEvent[] };

/**
 * How long the next batch may wait for the callers of the one just committed when an organization's
 * batches run one at a time (serializeOrganization): it waits for as many commands as were in that batch
 * and waiting behind it. Those callers were answered a moment ago and many send their next change at once;
 * without the wait, whatever arrived meanwhile (often one command) went alone, the rest waited for it, and
 * the batches settled into turns of 15 and 1 in the assignment benchmark.
 */
const GATHER_MS = 2;

/** How long an organization's batches run one at a time after a command last asked for it. */
const SERIAL_MS = 10_000;

const RETRYABLE = new Set(["40001", "40P01"]); // serialization failure, deadlock detected
/** Raised by the last statement (ensure_true, migration 0006): an assumption no longer holds. */
const STALE_MEMORY = "SB001";
/** Raised by the last statement: the organization has no event counter, so nothing of it may commit. */
const NO_COUNTER = "SB002";

/** How a batch's transaction is run: its attempt, with a savepoint per command, with memory of its own. */
interface RunMode {
  attempt: number;
  savepoints: boolean;
  privateMemory: boolean;
}
const FIRST_RUN: RunMode = { attempt: 1, savepoints: false, privateMemory: false };

/** Rolls back a batch run without savepoints when one of its commands broke a rule. */
class RerunWithSavepoints extends Error {}

/** The SQLSTATE of a database error; Drizzle wraps the driver's error and keeps it as the cause. */
const sqlState = (error: unknown) =>
  (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;

/** How a transaction starts a statement (Drizzle's entry points). */
const STATEMENT_STARTS = new Set<string | symbol>([
  "execute",
  "select",
  "selectDistinct",
  "selectDistinctOn",
  "insert",
  "update",
  "delete",
  "with",
  "query",
  "transaction",
  "$count",
]);

/**
 * A command's handle on its transaction while other commands' statements may follow its last one on the
 * wire: a statement started after that one would run out of order, so it runs the batch again one by one.
 */
function untilReleased(tx: Tx, released: () => boolean): Tx {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (released() && STATEMENT_STARTS.has(property)) throw new RerunWithSavepoints();
      return Reflect.get(target, property, receiver);
    },
  });
}

export class Writer {
  private readonly queues = new Map<string, OrgQueue>();
  private readonly caches = new Map<string, Map<string, unknown>>();
  /** Until when (ms) an organization's batches run one at a time. */
  private readonly serialUntil = new Map<string, number>();
  private readonly maxBatch: number;
  private readonly maxConcurrent: number;
  private readonly gatherMs: number;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly onCommitted: (orgId: string, events: LiveEvent[]) => void,
    options: WriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
    this.maxConcurrent = options.maxConcurrent ?? (database.kind === "pglite" ? 1 : 4);
    this.gatherMs = options.gatherMs ?? GATHER_MS;
  }

  run<R>(orgId: string, command: Command<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let queue = this.queues.get(orgId);
      if (!queue) {
        queue = { pending: [], running: 0, scheduled: false };
        this.queues.set(orgId, queue);
      }
      queue.pending.push({ command, resolve: resolve as (v: unknown) => void, reject });
      if (queue.gathering) {
        if (queue.pending.length >= queue.gathering.expected) this.pump(orgId, queue);
        return;
      }
      // Start on the next turn of the event loop, so commands arriving together share a transaction.
      if (!queue.scheduled) {
        queue.scheduled = true;
        setImmediate(() => {
          queue.scheduled = false;
          // Asked for while a batch ran, which has since committed and waits for its callers: that wait starts it.
          if (!queue.gathering) this.pump(orgId, queue);
        });
      }
    });
  }

  private pump(orgId: string, queue: OrgQueue) {
    if (queue.gathering) clearTimeout(queue.gathering.timer);
    queue.gathering = undefined;
    const serial = this.runsOneAtATime(orgId);
    if (!serial) this.serialUntil.delete(orgId);
    while (queue.running < (serial ? 1 : this.maxConcurrent) && queue.pending.length > 0) {
      const batch = queue.pending.splice(0, this.maxBatch);
      queue.running++;
      void this.commitBatch(orgId, batch).finally(() => {
        queue.running--;
        const expected = Math.min(queue.pending.length + batch.length, this.maxBatch);
        if (queue.running === 0 && batch.length > 1 && queue.pending.length < expected && this.runsOneAtATime(orgId)) {
          const timer = setTimeout(() => this.moveOn(orgId, queue), this.gatherMs);
          queue.gathering = { expected, timer };
        } else this.moveOn(orgId, queue);
      });
    }
  }

  /** Starts what is pending, or forgets the organization's queue when nothing is. */
  private moveOn(orgId: string, queue: OrgQueue) {
    if (queue.running > 0 || queue.pending.length > 0) this.pump(orgId, queue);
    else if (this.queues.get(orgId) === queue) this.queues.delete(orgId);
  }

  private runsOneAtATime(orgId: string) {
    return (this.serialUntil.get(orgId) ?? 0) > Date.now();
  }

  private async commitBatch(orgId: string, batch: Job[]) {
    let outcomes: Outcomes;
    try {
      outcomes = await this.transact(orgId, batch);
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // Something other than a rule broke the shared transaction: give each command its own.
      for (const job of batch) await this.commitBatch(orgId, [job]);
      return;
    }
    const committed = [...outcomes.flatMap((o) => (o.ok ? o.events : [])), ...(outcomes.trailing ?? [])];
    if (committed.length > 0) this.onCommitted(orgId, committed);
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) batch[i].resolve(outcome.value);
      else batch[i].reject(outcome.error);
    });
  }

  private async transact(orgId: string, batch: Job[], mode: RunMode = FIRST_RUN): Promise<Outcomes> {
    const { attempt, savepoints } = mode;
    // The last statement's answer, read after COMMIT: when it failed, it is why the COMMIT rolled back.
    let appended: Promise<void> | undefined;
    try {
      const { outcomes, trailing } = await this.database.db.transaction(async (tx) => {
        const outcomes: Outcomes = [];
        const tasks = new Map<string, { task: DeferredTask; stage: number }>();
        const shared = new Map<string, unknown>();
        // A rerun after stale memory keeps its reads to itself, so no other batch can hand it the same
        // stale copy again (its own configuration change, say, can never match what was kept).
        let cache = mode.privateMemory ? new Map<string, unknown>() : this.caches.get(orgId);
        if (!cache) {
          cache = new Map();
          this.caches.set(orgId, cache);
        }
        const beforeCommit = (key: string, task: DeferredTask, stage = 0) => {
          if (!tasks.has(key)) tasks.set(key, { task, stage });
        };
        const assumptions: SQL[] = [];
        // What every command and deferred task of this transaction shares; each adds its tx, now and emit.
        const common = {
          orgId,
          shared,
          cache,
          assume: (condition: SQL) => {
            assumptions.push(condition);
          },
          serializeOrganization: () => {
            this.serialUntil.set(orgId, Date.now() + SERIAL_MS);
          },
        };
        // Without savepoints, a command whose last statement is on its way lets the next one start. The
        // answers are read in order once all are in, so the first failure on the wire is the one reported.
        const pipelined = !savepoints && batch.length > 1;
        const running: Promise<Outcome>[] = [];
        let rerunning = false;
        for (const job of batch) {
          const emitted: { type: EventType; data: unknown; at: Date }[] = [];
          const now = this.clock.now();
          let released = false;
          let sent = () => {};
          const lastStatementSent = new Promise<false>((resolve) => {
            sent = () => resolve(false);
          });
          const lastStatement = <T>(statement: Promise<T>, hoped: (answer: T) => boolean) => {
            if (!pipelined) return statement;
            // From here on the command's transaction handle refuses new statements (untilReleased): one that
            // carries on (ending several sessions, say) runs the batch again command by command.
            released = true;
            sent();
            return statement.then((answer) => {
              if (hoped(answer)) return answer;
              rerunning = true;
              throw new RerunWithSavepoints();
            });
          };
          const run = (t: Tx) =>
            job.command({
              ...common,
              tx: pipelined ? untilReleased(t, () => released) : t,
              now,
              emit: (type, data) => emitted.push({ type, data, at: now }),
              beforeCommit,
              lastStatement,
            });
          const done = (savepoints ? tx.transaction((savepoint) => run(savepoint)) : run(tx)).then(
            (value): Outcome => ({ ok: true, value, events: emitted as never }),
            (error): Outcome => {
              if (!(error instanceof DomainError) || batch.length === 1) throw error;
              if (!savepoints) throw new RerunWithSavepoints();
              return { ok: false, error };
            },
          );
          running.push(done);
          const failed = await Promise.race([
            done.then(
              () => false,
              () => true,
            ),
            lastStatementSent,
          ]);
          if (failed || rerunning) break;
        }
        await Promise.allSettled(running);
        for (const done of running) outcomes.push(await done);
        // The deferred work's events follow the commands' events; they are delivered with the batch.
        const trailing: Outcome = { ok: true, value: undefined, events: [] };
        if (tasks.size > 0) {
          const now = this.clock.now();
          const ordered = [...tasks.values()].sort((a, b) => a.stage - b.stage);
          const emitted = ordered.map(() => [] as unknown[]);
          const settling: Promise<void>[] = [];
          const settle = (answer: Promise<void>) => {
            answer.catch(() => {}); // waited for below
            settling.push(answer);
          };
          try {
            for (const [i, { task }] of ordered.entries()) {
              const emit = (type: EventType, data: unknown) => emitted[i].push({ type, data, at: now });
              await task({
                ...common,
                tx,
                now,
                emit,
                beforeCommit: () => {},
                lastStatement: (statement) => statement,
                settle,
              });
            }
          } finally {
            // In the order sent: the first failure is the one that says why (and replaces a later task's).
            for (const answer of settling) await answer;
          }
          trailing.events = emitted.flat() as never;
        }
        // Not awaited: COMMIT goes out right behind it, and its answer is read once the transaction is over.
        appended = this.appendEvents(tx, orgId, [...outcomes, trailing], assumptions);
        appended.catch(() => {});
        return { outcomes, trailing };
      });
      await appended;
      outcomes.trailing = trailing.ok ? trailing.events : [];
      return outcomes;
    } catch (thrown) {
      // When the last statement failed, its error is why the transaction did not commit, whatever else failed.
      const error = appended
        ? await appended.then(
            () => thrown,
            (failed: unknown) => failed,
          )
        : thrown;
      if (error instanceof RerunWithSavepoints) return this.transact(orgId, batch, { ...mode, savepoints: true });
      const code = sqlState(error);
      if (code === STALE_MEMORY && attempt < 5) {
        this.caches.delete(orgId);
        return this.transact(orgId, batch, { ...mode, attempt: attempt + 1, privateMemory: true });
      }
      if (code && RETRYABLE.has(code) && attempt < 5)
        return this.transact(orgId, batch, { ...mode, attempt: attempt + 1 });
      throw error;
    }
  }

  /**
   * Numbers the batch's events from the counter row, writes them, rings the doorbell and checks the
   * batch's assumptions (raising STALE_MEMORY when one fails), in one statement: the last step before
   * COMMIT, so the counter row stays locked for that statement and the commit. A batch without events
   * changed nothing, so it has nothing to check.
   */
  private appendEvents(tx: Tx, orgId: string, outcomes: Outcome[], assumptions: SQL[]): Promise<void> {
    const pending = outcomes.flatMap((o) => (o.ok ? o.events : [])) as unknown as {
      type: EventType;
      data: unknown;
      at: Date;
    }[];
    if (pending.length === 0) return Promise.resolve();
    // Everything up to sending the statement runs synchronously (no `async` here): what fails before the
    // statement is on its way throws inside the transaction, which then rolls back instead of committing
    // a change without its event.
    const ats = pending.map((e) => e.at.toISOString());
    const drafts = JSON.stringify(pending.map((e, i) => ({ type: e.type, payload: e.data, at: ats[i] })));
    // The doorbell is delivered by PostgreSQL only if this transaction commits; it names this process so
    // the process, which delivers its own events directly, can ignore its own ring.
    const statement = tx.execute(sql`
      with counter as (
        update ${eventCounters} set last_seq = last_seq + ${pending.length}
        where org_id = ${orgId} returning last_seq
      ), written as (
        insert into ${events} (org_id, seq, type, payload, created_at)
        select ${orgId}, counter.last_seq - ${pending.length} + e.ord, e.draft->>'type', e.draft->'payload',
          (e.draft->>'at')::timestamptz
        from counter, jsonb_array_elements(${drafts}::jsonb) with ordinality as e(draft, ord)
        returning seq
      )
      select counter.last_seq,
        ensure_true(counter.last_seq is not null, ${NO_COUNTER}, ${`organization ${orgId} has no event counter`}),
        ${assumptions.length > 0 ? sql`ensure_true(${sql.join(assumptions, sql` and `)}, ${STALE_MEMORY}, 'stale memory')` : sql`true`},
        ${this.database.kind === "postgres" ? sql`pg_notify(${NOTIFY_CHANNEL}, ${orgId} || ':' || counter.last_seq || ':' || ${PROCESS_ID})` : sql`null`}
      from (select count(*) from written) as done left join counter on true
    `);
    // Drizzle renders the statement in `execute` and hands it to the driver as `then` starts it, with no
    // wait in between, so it is on the connection before the COMMIT that follows (the stale-memory test in
    // writer.int.test.ts fails if ever it is not).
    return statement.then((result) => {
      const [row] = rowsOf<{ last_seq: string | number }>(result);
      const firstSeq = Number(row.last_seq) - pending.length + 1;
      // Replace the drafts with the numbered events, in order, for the after-commit delivery.
      let i = 0;
      for (const outcome of outcomes) {
        if (!outcome.ok) continue;
        outcome.events = outcome.events.map(() => {
          const draft = pending[i];
          const event = { seq: firstSeq + i, type: draft.type, at: ats[i], data: draft.data } as LiveEvent;
          i++;
          return event;
        });
      }
    });
  }
}

// This process's copy of Live Sessions for each organization a supervisor is watching. It is read from
// the database once, then kept by the organization's events, applied in sequence order as the hub reads
// them (the same function the console applies them with), so a snapshot of 10,000 rows costs a sort and
// a serialization instead of a five-table join and 10,000 rows through the driver.
//
// Never staler than a fresh read: before answering, the copy catches up with the head of the log as the
// database has it at that moment, also when the change was made by another process. A copy that cannot
// catch up in time, or that the hub stops feeding, is dropped; the database answers instead.

import type { LiveEvent } from "../../../shared/events";
import { compareLiveSessions } from "../../../shared/live-order";
import { applyLiveEvent, LiveSessionRows } from "../../../shared/live-sessions-apply";
import type { LiveSession } from "../../../shared/sessions";
import type { Db } from "../../db/client";
import type { StreamHub } from "../../events/hub";
import { readLastSeq } from "../../events/log";
import { readLiveSessions } from "./present";

export interface LiveSessionsViewOptions {
  /** A copy nobody asked for in this long is dropped (it costs memory and work on every event). */
  idleMs?: number;
  /** The longest a snapshot waits for its copy to reach the log's head before asking the database. */
  catchUpMs?: number;
}

interface Copy {
  seq: number;
  rows: LiveSessionRows;
  /** The rows in the seed's order; null when an event changed them since the last sort. */
  ordered: LiveSession[] | null;
  lastAskedMs: number;
  waiters: { seq: number; resolve: (reached: boolean) => void }[];
  unsubscribe: () => void;
  dropped: boolean;
}

export class LiveSessionsView {
  private readonly copies = new Map<string, { ready: Promise<Copy>; copy?: Copy }>();
  private readonly idleMs: number;
  private readonly catchUpMs: number;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly db: Db,
    private readonly hub: StreamHub,
    options: LiveSessionsViewOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.catchUpMs = options.catchUpMs ?? 2_000;
    this.sweeper = setInterval(() => this.dropIdle(), Math.min(this.idleMs, 60_000));
    this.sweeper.unref();
  }

  /** The organization's queued and active sessions in the seed's order, and the sequence number they are at. */
  async snapshot(orgId: string): Promise<{ seq: number; sessions: LiveSession[] }> {
    const head = await readLastSeq(this.db, orgId);
    let copy: Copy;
    try {
      copy = await this.copyOf(orgId);
    } catch {
      return readLiveSessions(this.db, orgId);
    }
    copy.lastAskedMs = Date.now();
    if (copy.seq < head && !(await this.reach(orgId, copy, head))) this.drop(orgId, copy);
    if (copy.dropped) return readLiveSessions(this.db, orgId);
    copy.ordered ??= [...copy.rows.values()].sort(compareLiveSessions);
    return { seq: copy.seq, sessions: copy.ordered };
  }

  /** How many organizations this process keeps a copy for. */
  get size() {
    return this.copies.size;
  }

  close() {
    clearInterval(this.sweeper);
    for (const [orgId, entry] of this.copies)
      void entry.ready.then(
        (copy) => this.drop(orgId, copy),
        () => {},
      );
  }

  private copyOf(orgId: string): Promise<Copy> {
    const kept = this.copies.get(orgId);
    if (kept) return kept.ready;
    const entry: { ready: Promise<Copy>; copy?: Copy } = { ready: Promise.resolve() as never };
    entry.ready = this.build(orgId, entry);
    this.copies.set(orgId, entry);
    entry.ready.catch(() => {
      if (this.copies.get(orgId) === entry) this.copies.delete(orgId);
    });
    return entry.ready;
  }

  private async build(orgId: string, entry: { copy?: Copy }): Promise<Copy> {
    const { seq, sessions } = await readLiveSessions(this.db, orgId);
    const copy: Copy = {
      seq,
      rows: new LiveSessionRows(sessions),
      ordered: sessions,
      lastAskedMs: Date.now(),
      waiters: [],
      unsubscribe: () => {},
      dropped: false,
    };
    entry.copy = copy;
    copy.unsubscribe = await this.hub.observe(orgId, seq, {
      apply: (event) => this.apply(copy, event),
      close: () => this.drop(orgId, copy),
    });
    if (copy.dropped) copy.unsubscribe(); // the hub gave up on it before it was attached
    return copy;
  }

  private apply(copy: Copy, event: LiveEvent) {
    copy.seq = event.seq;
    if (applyLiveEvent(copy.rows, event)) copy.ordered = null;
    if (copy.waiters.length === 0) return;
    const ready = copy.waiters.filter((w) => w.seq <= copy.seq);
    copy.waiters = copy.waiters.filter((w) => w.seq > copy.seq);
    for (const waiter of ready) waiter.resolve(true);
  }

  /** Waits until the copy holds every event up to `seq`; false if it did not within catchUpMs. */
  private reach(orgId: string, copy: Copy, seq: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), this.catchUpMs);
      copy.waiters.push({
        seq,
        resolve: (reached) => {
          clearTimeout(timer);
          resolve(reached);
        },
      });
      // The doorbell of another process's commit may still be on its way: read the log now.
      this.hub.ring(orgId, seq);
    });
  }

  private drop(orgId: string, copy: Copy) {
    if (copy.dropped) return;
    copy.dropped = true;
    copy.unsubscribe();
    for (const waiter of copy.waiters) waiter.resolve(false);
    copy.waiters = [];
    if (this.copies.get(orgId)?.copy === copy) this.copies.delete(orgId);
  }

  private dropIdle() {
    const now = Date.now();
    for (const [orgId, { copy }] of this.copies) {
      if (copy && now - copy.lastAskedMs > this.idleMs) this.drop(orgId, copy);
    }
  }
}

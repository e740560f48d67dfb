// The event log: read events after a sequence number; learn where an organization's log starts and ends.
// Appending happens only in the writer (writer.ts), inside the transaction that makes the change.
import { and, asc, eq, gt, lt, min } from "drizzle-orm";
import type { LiveEvent } from "../../shared/events";
import type { Db } from "../db/client";
import { eventCounters, events } from "../db/schema";

type EventRow = typeof events.$inferSelect;

export function toLiveEvent(row: Pick<EventRow, "seq" | "type" | "payload" | "createdAt">): LiveEvent {
  return { seq: row.seq, type: row.type, at: row.createdAt.toISOString(), data: row.payload } as LiveEvent;
}

export async function readEventsAfter(db: Db, orgId: string, afterSeq: number, limit: number): Promise<LiveEvent[]> {
  const rows = await db
    .select({ seq: events.seq, type: events.type, payload: events.payload, createdAt: events.createdAt })
    .from(events)
    .where(and(eq(events.orgId, orgId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map(toLiveEvent);
}

export async function readLastSeq(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ lastSeq: eventCounters.lastSeq })
    .from(eventCounters)
    .where(eq(eventCounters.orgId, orgId));
  return row?.lastSeq ?? 0;
}

/** The first sequence number still in the log, or lastSeq + 1 when the log is empty. */
export async function readFirstRetainedSeq(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ first: min(events.seq) })
    .from(events)
    .where(eq(events.orgId, orgId));
  if (row?.first != null) return Number(row.first);
  return (await readLastSeq(db, orgId)) + 1;
}

/** Drops events older than the retention; a client that far behind gets a resync instead. */
export async function pruneEvents(db: Db, olderThan: Date): Promise<void> {
  await db.delete(events).where(lt(events.createdAt, olderThan));
}

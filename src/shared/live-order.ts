// The order and the timers of Live Sessions (seed-live-sessions.md): queued rows first, longest wait
// first; then active rows, longest conversation first. Timers are computed from server timestamps.
import type { LiveSession } from "./sessions";

export function compareLiveSessions(a: LiveSession, b: LiveSession): number {
  if (a.status !== b.status) return a.status === "queued" ? -1 : 1;
  // Longest wait = earliest queuedAt; longest conversation = earliest acceptedAt. The server writes every
  // timestamp with toISOString (same length, UTC), so comparing the strings compares the instants.
  const aStart = a.status === "queued" ? a.queuedAt : (a.acceptedAt ?? a.queuedAt);
  const bStart = b.status === "queued" ? b.queuedAt : (b.acceptedAt ?? b.queuedAt);
  if (aStart !== bStart) return aStart < bStart ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Inserts into a list already in Live Sessions order, replacing any row with the same id: a new list. */
export function upsertOrdered(rows: readonly LiveSession[], session: LiveSession): LiveSession[] {
  const next = removeOrdered(rows, session.id);
  let low = 0;
  let high = next.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareLiveSessions(next[mid], session) < 0) low = mid + 1;
    else high = mid;
  }
  next.splice(low, 0, session);
  return next;
}

/** A new list without the row of this id. */
export function removeOrdered(rows: readonly LiveSession[], id: string): LiveSession[] {
  const index = rows.findIndex((row) => row.id === id);
  if (index === -1) return [...rows];
  return [...rows.slice(0, index), ...rows.slice(index + 1)];
}

/**
 * On screen every timer moves once a second, all at the same instant, like a clock: both ends are counted
 * in whole seconds, so a timer never lags its tick (the error stays under a second, as with any clock).
 */
export type Precision = "exact" | "whole-seconds";
const at = (ms: number, precision: Precision) => (precision === "exact" ? ms : Math.floor(ms / 1000) * 1000);

/** Wait time: (acceptedAt or now) − queuedAt; static once accepted. */
export function waitMs(
  session: Pick<LiveSession, "queuedAt" | "acceptedAt">,
  nowMs: number,
  precision: Precision = "exact",
): number {
  const end = session.acceptedAt ? Date.parse(session.acceptedAt) : nowMs;
  return Math.max(0, at(end, precision) - at(Date.parse(session.queuedAt), precision));
}

/** Conversation duration: now − acceptedAt while active; nothing while queued. */
export function conversationMs(
  session: Pick<LiveSession, "acceptedAt">,
  nowMs: number,
  precision: Precision = "exact",
): number | null {
  if (!session.acceptedAt) return null;
  return Math.max(0, at(nowMs, precision) - at(Date.parse(session.acceptedAt), precision));
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

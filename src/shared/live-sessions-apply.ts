// What one live event does to the queued and active sessions (the rows of Live Sessions), by id. The
// console applies it to its snapshot and the server to its own copy (domain/sessions/live-view.ts), so both
// arrive at what a fresh read of the database would return.
import type { LiveEvent } from "./events";
import type { LiveSession } from "./sessions";

export interface LiveSessionsApplied {
  /** Rows that entered or changed, as they now are. */
  put: LiveSession[];
  /** Of those, requests that just joined a queue (a hand-off or a transfer). */
  requested: LiveSession[];
  /** Rows that left (ended or transferred). */
  dropped: string[];
  /** Rows that only show a new name (a team, bot, agent or returning customer renamed), as they now are. */
  renamed: LiveSession[];
}

/**
 * The live sessions by id, and by customer: every hand-off looks up its customer's other rows (a returning
 * customer's new name shows on all of them), which must not cost a pass over 10,000 rows.
 */
export class LiveSessionRows {
  private readonly byId = new Map<string, LiveSession>();
  private readonly byCustomer = new Map<string, Set<string>>();

  constructor(sessions: Iterable<LiveSession> = []) {
    for (const session of sessions) this.set(session);
  }

  get size() {
    return this.byId.size;
  }
  get(id: string) {
    return this.byId.get(id);
  }
  keys() {
    return this.byId.keys();
  }
  values() {
    return this.byId.values();
  }
  set(session: LiveSession) {
    this.delete(session.id);
    this.byId.set(session.id, session);
    const ids = this.byCustomer.get(session.customer.id) ?? new Set<string>();
    this.byCustomer.set(session.customer.id, ids.add(session.id));
  }
  delete(id: string) {
    const session = this.byId.get(id);
    if (!session) return;
    this.byId.delete(id);
    const ids = this.byCustomer.get(session.customer.id);
    ids?.delete(id);
    if (ids?.size === 0) this.byCustomer.delete(session.customer.id);
  }
  ofCustomer(customerId: string): LiveSession[] {
    return [...(this.byCustomer.get(customerId) ?? [])].map((id) => this.byId.get(id) as LiveSession);
  }
}

/** Applies `event` to `rows` (mutated); returns null for an event that cannot change a row. */
export function applyLiveEvent(rows: LiveSessionRows, event: LiveEvent): LiveSessionsApplied | null {
  switch (event.type) {
    case "session.queued": {
      const { session } = event.data;
      // A returning customer's hand-off carries their name as given now, and every row shows that name.
      const renamed = replace(
        rows,
        rows.ofCustomer(session.customer.id).filter((s) => s.customer.name !== session.customer.name),
        (s) => ({ ...s, customer: session.customer }),
      );
      rows.set(session);
      return { put: [session], requested: [session], dropped: [], renamed };
    }
    case "session.accepted":
      rows.set(event.data.session);
      return { put: [event.data.session], requested: [], dropped: [], renamed: [] };
    case "session.transferred":
      rows.delete(event.data.sessionId);
      rows.set(event.data.next);
      return { put: [event.data.next], requested: [event.data.next], dropped: [event.data.sessionId], renamed: [] };
    case "session.ended":
      rows.delete(event.data.sessionId);
      return { put: [], requested: [], dropped: [event.data.sessionId], renamed: [] };
    case "team.changed":
      return renamedOnly(rows, "team", event.data.team);
    case "bot.changed":
      return renamedOnly(rows, "bot", event.data.bot);
    case "user.changed":
      return renamedOnly(rows, "agent", event.data.user);
    default:
      return null;
  }
}

/** Puts `change` of each of `sessions` in `rows`; returns them as they now are. */
function replace(
  rows: LiveSessionRows,
  sessions: LiveSession[],
  change: (s: LiveSession) => LiveSession,
): LiveSession[] {
  const renamed = sessions.map(change);
  for (const session of renamed) rows.set(session);
  return renamed;
}

/** A team, bot or agent renamed: the rows that show it take its new name. */
function renamedOnly(
  rows: LiveSessionRows,
  field: "team" | "bot" | "agent",
  { id, name }: { id: string; name: string },
): LiveSessionsApplied | null {
  const stale = [...rows.values()].filter((s) => s[field]?.id === id && s[field]?.name !== name);
  const renamed = replace(rows, stale, (s) => ({ ...s, [field]: { id, name } }));
  return renamed.length > 0 ? { put: [], requested: [], dropped: [], renamed } : null;
}

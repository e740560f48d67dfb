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

/** Applies `event` to `rows` (mutated); returns null for an event that cannot change a row. */
export function applyLiveEvent(rows: Map<string, LiveSession>, event: LiveEvent): LiveSessionsApplied | null {
  switch (event.type) {
    case "session.queued": {
      const { session } = event.data;
      // A returning customer's hand-off carries their name as given now, and every row shows that name.
      const renamed = rename(
        rows,
        (s) => s.customer.id === session.customer.id && s.customer.name !== session.customer.name,
        (s) => ({ ...s, customer: session.customer }),
      );
      rows.set(session.id, session);
      return { put: [session], requested: [session], dropped: [], renamed };
    }
    case "session.accepted":
      rows.set(event.data.session.id, event.data.session);
      return { put: [event.data.session], requested: [], dropped: [], renamed: [] };
    case "session.transferred":
      rows.delete(event.data.sessionId);
      rows.set(event.data.next.id, event.data.next);
      return { put: [event.data.next], requested: [event.data.next], dropped: [event.data.sessionId], renamed: [] };
    case "session.ended":
      rows.delete(event.data.sessionId);
      return { put: [], requested: [], dropped: [event.data.sessionId], renamed: [] };
    case "team.changed": {
      const { team } = event.data;
      return renamedOnly(
        rename(
          rows,
          (s) => s.team.id === team.id && s.team.name !== team.name,
          (s) => ({ ...s, team: { id: team.id, name: team.name } }),
        ),
      );
    }
    case "bot.changed": {
      const { bot } = event.data;
      return renamedOnly(
        rename(
          rows,
          (s) => s.bot.id === bot.id && s.bot.name !== bot.name,
          (s) => ({ ...s, bot: { id: bot.id, name: bot.name } }),
        ),
      );
    }
    case "user.changed": {
      const { user } = event.data;
      return renamedOnly(
        rename(
          rows,
          (s) => s.agent?.id === user.id && s.agent.name !== user.name,
          (s) => ({ ...s, agent: { id: user.id, name: user.name } }),
        ),
      );
    }
    default:
      return null;
  }
}

function rename(
  rows: Map<string, LiveSession>,
  matches: (s: LiveSession) => boolean,
  change: (s: LiveSession) => LiveSession,
): LiveSession[] {
  const renamed: LiveSession[] = [];
  for (const [id, session] of rows) {
    if (!matches(session)) continue;
    const next = change(session);
    rows.set(id, next);
    renamed.push(next);
  }
  return renamed;
}

function renamedOnly(renamed: LiveSession[]): LiveSessionsApplied | null {
  return renamed.length > 0 ? { put: [], requested: [], dropped: [], renamed } : null;
}

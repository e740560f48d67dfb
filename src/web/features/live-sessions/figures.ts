// Header figures of Live Sessions: queued, active, longest and average wait of the queue, agents online
// and away — for the organization and per team. Computed once per change; only `now` moves each second.
import type { Agent } from "../../../shared/people";
import type { LiveSession } from "../../../shared/sessions";

export interface QueueFigures {
  queued: number;
  active: number;
  /** Earliest queuedAt among queued rows (ms), or null. Longest wait = now − this. */
  oldestQueuedAt: number | null;
  /** Mean queuedAt of queued rows (ms). Average wait = now − this. */
  meanQueuedAt: number | null;
}

export interface TeamFigures extends QueueFigures {
  teamId: string;
  teamName: string;
  online: number;
  away: number;
}

export interface Figures extends QueueFigures {
  online: number;
  away: number;
  teams: TeamFigures[];
}

function empty(): QueueFigures {
  return { queued: 0, active: 0, oldestQueuedAt: null, meanQueuedAt: null };
}

/**
 * queuedAt in ms, parsed once per session object (the store replaces sessions, never changes them): the
 * figures are recomputed on every update of 10,000 rows.
 */
const parsedQueuedAt = new WeakMap<LiveSession, number>();
function queuedAtMs(session: LiveSession): number {
  let ms = parsedQueuedAt.get(session);
  if (ms === undefined) {
    ms = Date.parse(session.queuedAt);
    parsedQueuedAt.set(session, ms);
  }
  return ms;
}

function count(figures: QueueFigures & { sum: number }, session: LiveSession) {
  if (session.status === "active") {
    figures.active++;
    return;
  }
  const queuedAt = queuedAtMs(session);
  figures.queued++;
  figures.sum += queuedAt;
  figures.oldestQueuedAt = figures.oldestQueuedAt === null ? queuedAt : Math.min(figures.oldestQueuedAt, queuedAt);
}

export function computeFigures(
  sessions: readonly LiveSession[],
  agents: readonly Agent[],
  teams: readonly { id: string; name: string }[],
): Figures {
  const all = { ...empty(), sum: 0 };
  const perTeam = new Map<string, QueueFigures & { sum: number; name: string }>();
  for (const team of teams) perTeam.set(team.id, { ...empty(), sum: 0, name: team.name });
  for (const session of sessions) {
    let team = perTeam.get(session.team.id);
    if (!team) {
      team = { ...empty(), sum: 0, name: session.team.name };
      perTeam.set(session.team.id, team);
    }
    count(all, session);
    count(team, session);
  }
  const finish = (f: QueueFigures & { sum: number }): QueueFigures => ({
    queued: f.queued,
    active: f.active,
    oldestQueuedAt: f.oldestQueuedAt,
    meanQueuedAt: f.queued > 0 ? f.sum / f.queued : null,
  });
  const countStatus = (list: readonly Agent[], status: Agent["status"]) =>
    list.filter((a) => a.status === status).length;
  return {
    ...finish(all),
    online: countStatus(agents, "online"),
    away: countStatus(agents, "away"),
    teams: [...perTeam.entries()].map(([teamId, f]) => {
      const members = agents.filter((a) => a.teams.some((t) => t.id === teamId));
      return {
        ...finish(f),
        teamId,
        teamName: f.name,
        online: countStatus(members, "online"),
        away: countStatus(members, "away"),
      };
    }),
  };
}

export type WaitLevel = "normal" | "amber" | "red";

export function waitLevel(waitMs: number, thresholds: { amberSeconds: number; redSeconds: number }): WaitLevel {
  if (waitMs >= thresholds.redSeconds * 1000) return "red";
  if (waitMs >= thresholds.amberSeconds * 1000) return "amber";
  return "normal";
}

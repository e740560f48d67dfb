// Order and filters of Live Agents: active (online) first, then away, then offline; by name within.
import type { Agent, AgentStatus } from "../../../shared/people";

const rank: Record<AgentStatus, number> = { online: 0, away: 1, offline: 2 };

export function orderAgents(agents: readonly Agent[]): Agent[] {
  return [...agents].sort((a, b) => rank[a.status] - rank[b.status] || a.name.localeCompare(b.name));
}

export function filterAgents(agents: readonly Agent[], status: AgentStatus | null, query: string): Agent[] {
  const q = query.trim().toLocaleLowerCase();
  return agents.filter(
    (a) =>
      (!status || a.status === status) &&
      (!q || a.name.toLocaleLowerCase().includes(q) || a.email.toLocaleLowerCase().includes(q)),
  );
}

export const statusLabel: Record<AgentStatus, string> = { online: "Active", away: "Away", offline: "Offline" };

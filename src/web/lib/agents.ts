// Live agents for the whole console: fetched once, then kept current from the live feed (status changes,
// chats accepted and ended). A gap in the feed or a resync refetches them.
import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { Agent } from "../../shared/people";
import { api } from "./api";
import type { FeedMessage, LiveFeed } from "./live/feed";

export const agentsQueryKey = ["agents"];

export const useAgents = () =>
  useQuery({ queryKey: agentsQueryKey, queryFn: async () => (await api<{ agents: Agent[] }>("/agents")).agents });

function patch(client: QueryClient, agentId: string, change: (agent: Agent) => Agent) {
  client.setQueryData<Agent[]>(agentsQueryKey, (agents) => agents?.map((a) => (a.id === agentId ? change(a) : a)));
}

/** Keeps the agents query current from the feed; returns the unsubscribe. */
export function syncAgents(feed: LiveFeed, client: QueryClient): () => void {
  let lastSeq: number | null = null;
  const refetch = () => void client.invalidateQueries({ queryKey: agentsQueryKey });
  return feed.subscribe((message: FeedMessage) => {
    if (message.kind === "resync") return refetch();
    if (message.kind !== "event") return;
    const { event } = message;
    if (lastSeq !== null && event.seq <= lastSeq) return;
    if (lastSeq !== null && event.seq !== lastSeq + 1) refetch();
    lastSeq = event.seq;
    switch (event.type) {
      case "agent.status_changed":
        return patch(client, event.data.agent.id, (a) => ({ ...a, ...event.data.agent }));
      case "session.accepted":
        if (event.data.session.agent)
          patch(client, event.data.session.agent.id, (a) => ({ ...a, activeChats: a.activeChats + 1 }));
        return;
      case "session.ended":
      case "session.transferred":
        if (event.data.agentId)
          patch(client, event.data.agentId, (a) => ({ ...a, activeChats: Math.max(0, a.activeChats - 1) }));
        return;
      case "user.changed":
      case "team.changed":
      case "team.deleted":
        return refetch();
    }
  });
}

// The organization's teams and settings for the whole console, kept current from the live feed: a change
// made in another tab or by another supervisor shows at once (Live Sessions colours rows by the settings).
import type { QueryClient } from "@tanstack/react-query";
import type { Settings } from "../../shared/settings";
import type { FeedMessage, LiveFeed } from "./live/feed";
import { settingsQueryKey, type Team, teamsQueryKey } from "./queries";

/** Keeps the teams and settings queries current from the feed; returns the unsubscribe. */
export function syncOrganization(feed: Pick<LiveFeed, "subscribe">, client: QueryClient): () => void {
  const refetch = () => {
    void client.invalidateQueries({ queryKey: teamsQueryKey });
    void client.invalidateQueries({ queryKey: settingsQueryKey });
  };
  const unsubscribe = feed.subscribe((message: FeedMessage) => {
    if (message.kind === "resync") return refetch();
    if (message.kind !== "event") return;
    const { event } = message;
    switch (event.type) {
      case "settings.changed":
        client.setQueryData<Settings>(settingsQueryKey, event.data.settings);
        return;
      case "team.changed": {
        const { team } = event.data;
        client.setQueryData<Team[]>(teamsQueryKey, (teams) =>
          teams?.some((t) => t.id === team.id)
            ? teams.map((t) => (t.id === team.id ? team : t))
            : teams && [...teams, team],
        );
        return;
      }
      case "team.deleted":
        client.setQueryData<Team[]>(teamsQueryKey, (teams) => teams?.filter((t) => t.id !== event.data.teamId));
        return;
    }
  });
  return () => void unsubscribe();
}

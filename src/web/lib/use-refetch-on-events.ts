// Refetches a query when the live feed reports changes of these kinds, at most once per `delayMs`: for
// figures the events do not carry whole (a team's live load), a burst of hand-offs costs one request.
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { EventType } from "../../shared/events";
import { useLiveFeed } from "./live/context";

export function useRefetchOnEvents(queryKey: QueryKey, types: readonly EventType[], delayMs = 1_000) {
  const feed = useLiveFeed();
  const client = useQueryClient();
  const key = JSON.stringify(queryKey);
  const typesKey = types.join(",");
  useEffect(() => {
    if (!feed) return;
    const watched = new Set<string>(typesKey.split(","));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = feed.subscribe((message) => {
      const isWatched = message.kind === "resync" || (message.kind === "event" && watched.has(message.event.type));
      if (!isWatched || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void client.invalidateQueries({ queryKey: JSON.parse(key) });
      }, delayMs);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [feed, client, key, typesKey, delayMs]);
}

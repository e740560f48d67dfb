// The organization's quick responses: read by every agent's composer, managed by supervisors.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { QuickResponse } from "../../../shared/agent-console";
import { api } from "../api";
import { useLiveFeed } from "../live/context";

export const quickResponsesQueryKey = ["quick-responses"];

export const useQuickResponses = () =>
  useQuery({
    queryKey: quickResponsesQueryKey,
    queryFn: async () => (await api<{ quickResponses: QuickResponse[] }>("/quick-responses")).quickResponses,
    staleTime: 60_000,
  });

/** Keeps the list current from the page's live feed: a supervisor's change reaches every composer at once. */
export function useQuickResponsesSync() {
  const feed = useLiveFeed();
  const client = useQueryClient();
  useEffect(() => {
    if (!feed) return;
    const unsubscribe = feed.subscribe((message) => {
      if (message.kind === "resync") {
        void client.invalidateQueries({ queryKey: quickResponsesQueryKey });
        return;
      }
      if (message.kind !== "event") return;
      const { event } = message;
      if (event.type === "quick_response.changed") {
        const { quickResponse } = event.data;
        client.setQueryData<QuickResponse[]>(quickResponsesQueryKey, (list) =>
          list?.some((r) => r.id === quickResponse.id)
            ? list.map((r) => (r.id === quickResponse.id ? quickResponse : r))
            : list && [...list, quickResponse],
        );
      } else if (event.type === "quick_response.deleted") {
        const { quickResponseId } = event.data;
        client.setQueryData<QuickResponse[]>(quickResponsesQueryKey, (list) =>
          list?.filter((r) => r.id !== quickResponseId),
        );
      }
    });
    return () => void unsubscribe();
  }, [feed, client]);
}

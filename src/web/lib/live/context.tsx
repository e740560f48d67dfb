// The live feed of the signed-in supervisor's organization, opened once for the whole console.
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { LiveFeed } from "./feed";

const FeedContext = createContext<LiveFeed | null>(null);

export function LiveFeedProvider({ scope, children }: { scope: string; children: ReactNode }) {
  const [feed, setFeed] = useState<LiveFeed | null>(null);
  useEffect(() => {
    const created = new LiveFeed("/api/v1/live-sessions/stream", scope);
    created.start();
    setFeed(created);
    return () => created.stop();
  }, [scope]);
  return <FeedContext.Provider value={feed}>{children}</FeedContext.Provider>;
}

export function useLiveFeed(): LiveFeed | null {
  return useContext(FeedContext);
}

const noConnection = () => () => {};
export function useConnection() {
  const feed = useLiveFeed();
  return useSyncExternalStore(
    feed ? (listener) => feed.onConnectionChange(listener) : noConnection,
    () => feed?.getConnection() ?? { state: "connecting" as const, lastHeardAt: null },
  );
}

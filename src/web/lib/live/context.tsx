// The live feed of a console, opened once for the whole console: the supervisor's organization stream by
// default, or another stream (the agent's) from a known sequence number.
import { createContext, type ReactNode, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { initialConnection } from "./connection";
import { LiveFeed } from "./feed";

const FeedContext = createContext<LiveFeed | null>(null);

export function LiveFeedProvider({
  scope,
  streamUrl = "/api/v1/live-sessions/stream",
  startSeq = null,
  children,
}: {
  scope: string;
  streamUrl?: string;
  /** Where the stream starts (the snapshot's sequence number); only read when the feed opens. */
  startSeq?: number | null;
  children: ReactNode;
}) {
  const [feed, setFeed] = useState<LiveFeed | null>(null);
  const startAt = useRef(startSeq);
  useEffect(() => {
    const created = new LiveFeed(streamUrl, scope, startAt.current);
    created.start();
    setFeed(created);
    return () => created.stop();
  }, [scope, streamUrl]);
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
    // A constant while there is no feed yet: a new object each call would make React re-render forever.
    () => feed?.getConnection() ?? initialConnection,
  );
}

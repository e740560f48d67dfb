// Binds a Live Sessions store to the shared live feed for as long as the page is open.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { LiveSession, LiveSessionsSnapshot } from "../../../shared/sessions";
import { api } from "../../lib/api";
import { useLiveFeed } from "../../lib/live/context";
import { LiveSessionsStore } from "./store";

export function useLiveSessions(liveMode: boolean, onNewRequest: (session: LiveSession) => void) {
  const feed = useLiveFeed();
  const onNew = useRef(onNewRequest);
  onNew.current = onNewRequest;
  const [store] = useState(
    () =>
      new LiveSessionsStore(
        () => api<LiveSessionsSnapshot>("/live-sessions"),
        liveMode,
        (s) => onNew.current(s),
      ),
  );
  useEffect(() => {
    void store.refresh();
  }, [store]);
  useEffect(() => {
    if (!feed) return;
    const unsubscribe = feed.subscribe(store.receive);
    return () => void unsubscribe();
  }, [feed, store]);
  useEffect(() => store.setLiveMode(liveMode), [store, liveMode]);
  const view = useSyncExternalStore(store.subscribe, store.getView);
  return { view, refresh: () => store.refresh() };
}

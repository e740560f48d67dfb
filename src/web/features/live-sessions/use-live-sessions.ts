// Binds a Live Sessions store to the shared live feed for as long as the page is open.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { LiveSession, LiveSessionsSnapshot } from "../../../shared/sessions";
import { api } from "../../lib/api";
import { useLiveFeed } from "../../lib/live/context";
import { LiveSessionsStore } from "./store";

/**
 * The store's changes reach React once per task: the stream hands over a burst of events in one task (after
 * a stall or a busy second), and rendering the page once per event would block the page for the whole
 * burst. The view itself is current at once; only the re-render waits for the end of the task.
 */
function subscribeOncePerTask(store: LiveSessionsStore, listener: () => void) {
  const channel = new MessageChannel();
  let pending = false;
  channel.port1.onmessage = () => {
    pending = false;
    listener();
  };
  const unsubscribe = store.subscribe(() => {
    if (pending) return;
    pending = true;
    channel.port2.postMessage(null);
  });
  return () => {
    unsubscribe();
    channel.port1.close();
  };
}

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
  const subscribe = useCallback((listener: () => void) => subscribeOncePerTask(store, listener), [store]);
  const view = useSyncExternalStore(subscribe, store.getView);
  const refresh = useCallback(() => store.refresh(), [store]);
  return { view, refresh };
}

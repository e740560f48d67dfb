// One clock for the page: a single timer, aligned to the server's second, shared by every component that
// shows a timer. Only mounted (visible) rows subscribe, so 10,000 rows cost what the visible ones cost.
// A hidden tab's timers are throttled by the browser; the moment it is shown again it ticks at once.
import { useSyncExternalStore } from "react";
import { serverClock } from "./server-clock";

const listeners = new Set<() => void>();
let now = serverClock.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function tick() {
  now = serverClock.now();
  for (const listener of listeners) listener();
  schedule();
}

function schedule() {
  if (timer) clearTimeout(timer);
  timer = setTimeout(tick, 1000 - (serverClock.now() % 1000) + 5);
}

if (typeof document !== "undefined") {
  // Shown again, or thawed after the browser froze the tab: be exact at once, not at the next tick.
  const catchUp = () => {
    if (document.visibilityState === "visible" && listeners.size > 0) tick();
  };
  document.addEventListener("visibilitychange", catchUp);
  document.addEventListener("resume", catchUp);
  window.addEventListener("focus", catchUp);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) tick();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The server's time in ms, updated every second. */
export function useServerNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * Something derived from the server's time (a timer's text, a wait level): read every second, but the
 * component re-renders only when it changes — a frozen wait or an empty duration never does.
 */
export function useServerTime<T extends string | number | boolean | null>(derive: (now: number) => T): T {
  return useSyncExternalStore(subscribe, () => derive(now));
}

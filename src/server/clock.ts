// The one clock. Injected everywhere so tests control time instead of sleeping.
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function manualClock(start = new Date("2026-01-01T09:00:00Z")) {
  let nowMs = start.getTime();
  return {
    now: () => new Date(nowMs),
    advance(ms: number) {
      nowMs += ms;
    },
  };
}

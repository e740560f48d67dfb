// The live connection as a small state machine: pure transitions, tested as a table (EXAMPLES.md, 6).
// connecting: opening the stream or replaying the log; live: caught up and hearing heartbeats;
// reconnecting: the stream dropped and is being reopened; stale: nothing heard for too long.
export type ConnectionState = "connecting" | "live" | "reconnecting" | "stale";
export type ConnectionSignal = "caught-up" | "message" | "error" | "silence" | "reopen";

export interface Connection {
  state: ConnectionState;
  /** Server-clock ms of the last thing heard from the stream; what "stale since" refers to. */
  lastHeardAt: number | null;
}

export const initialConnection: Connection = { state: "connecting", lastHeardAt: null };

const table: Record<ConnectionState, Partial<Record<ConnectionSignal, ConnectionState>>> = {
  connecting: { "caught-up": "live", error: "reconnecting", silence: "stale" },
  live: { error: "reconnecting", silence: "stale", reopen: "reconnecting" },
  reconnecting: { "caught-up": "live", silence: "stale" },
  stale: { "caught-up": "live", reopen: "stale" },
};

export function nextConnection(current: Connection, signal: ConnectionSignal, at: number): Connection {
  const heard = signal === "caught-up" || signal === "message";
  const state = table[current.state][signal] ?? current.state;
  const lastHeardAt = heard ? at : current.lastHeardAt;
  if (state === current.state && lastHeardAt === current.lastHeardAt) return current;
  return { state, lastHeardAt };
}

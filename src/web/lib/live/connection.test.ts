import { describe, expect, it } from "vitest";
import { type ConnectionSignal, type ConnectionState, nextConnection } from "./connection";

const cases: [ConnectionState, ConnectionSignal, ConnectionState][] = [
  ["connecting", "caught-up", "live"],
  ["connecting", "message", "connecting"],
  ["connecting", "error", "reconnecting"],
  ["connecting", "silence", "stale"],
  ["connecting", "reopen", "connecting"],
  ["live", "caught-up", "live"],
  ["live", "message", "live"],
  ["live", "error", "reconnecting"],
  ["live", "silence", "stale"],
  ["live", "reopen", "reconnecting"],
  ["reconnecting", "caught-up", "live"],
  ["reconnecting", "message", "reconnecting"],
  ["reconnecting", "error", "reconnecting"],
  ["reconnecting", "silence", "stale"],
  ["reconnecting", "reopen", "reconnecting"],
  ["stale", "caught-up", "live"],
  ["stale", "message", "stale"],
  ["stale", "error", "stale"],
  ["stale", "silence", "stale"],
  ["stale", "reopen", "stale"],
];

describe("the live connection's states", () => {
  it.each(cases)("%s + %s → %s", (from, signal, to) => {
    expect(nextConnection({ state: from, lastHeardAt: 1 }, signal, 2).state).toBe(to);
  });

  it("remembers when it last heard from the stream, for 'stale since'", () => {
    const heard = nextConnection({ state: "live", lastHeardAt: 1 }, "message", 5);
    expect(heard.lastHeardAt).toBe(5);
    expect(nextConnection(heard, "silence", 9).lastHeardAt).toBe(5);
  });
});

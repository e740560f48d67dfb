import { describe, expect, it, vi } from "vitest";
import type { LiveEvent } from "../../../shared/events";
import type { LiveSession, LiveSessionsSnapshot } from "../../../shared/sessions";
import { LiveSessionsStore } from "./store";

const session = (id: string, queuedAt: string, extra: Partial<LiveSession> = {}): LiveSession => ({
  id,
  conversationId: `c-${id}`,
  status: "queued",
  customer: { id: `u-${id}`, name: `Customer ${id}` },
  agent: null,
  team: { id: "t1", name: "General" },
  bot: { id: "b1", name: "Ava" },
  channel: { name: "Web", type: "web" },
  queuedAt,
  acceptedAt: null,
  ...extra,
});
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, s)).toISOString();
const queued = (seq: number, s: LiveSession): LiveEvent => ({
  seq,
  type: "session.queued",
  at: s.queuedAt,
  data: { session: s },
});
const ended = (seq: number, id: string): LiveEvent => ({
  seq,
  type: "session.ended",
  at: at(50),
  data: {
    sessionId: id,
    conversationId: `c-${id}`,
    agentId: null,
    reason: "resolved",
    endedBy: "agent",
    endedAt: at(50),
  },
});
const ids = (rows: readonly LiveSession[]) => rows.map((r) => r.id);

function storeWith(snapshot: LiveSessionsSnapshot, liveMode = false) {
  const fetchSnapshot = vi.fn(async () => snapshot);
  const newRequests: string[] = [];
  const store = new LiveSessionsStore(fetchSnapshot, liveMode, (s) => newRequests.push(s.id));
  return { store, fetchSnapshot, newRequests };
}

describe("Live Sessions state", () => {
  it("in the seed's mode, updates are counted and the rows stay as they were until Refresh", async () => {
    const { store, fetchSnapshot } = storeWith({ serverTime: at(0), seq: 10, sessions: [session("a", at(1))] });
    await store.refresh();
    store.receive({ kind: "event", event: queued(11, session("b", at(0))) });
    store.receive({ kind: "event", event: ended(12, "a") });
    expect(ids(store.getView().rows)).toEqual(["a"]);
    expect(store.getView().pendingUpdates).toBe(2);
    expect(ids(store.getView().latest)).toEqual(["b"]);
    fetchSnapshot.mockResolvedValueOnce({ serverTime: at(2), seq: 12, sessions: [session("b", at(0))] });
    await store.refresh();
    expect(ids(store.getView().rows)).toEqual(["b"]);
    expect(store.getView().pendingUpdates).toBe(0);
  });

  it("in Live mode, updates show at once, in order, with the new row highlighted", async () => {
    const { store } = storeWith({ serverTime: at(0), seq: 1, sessions: [session("a", at(5))] }, true);
    await store.refresh();
    store.receive({ kind: "event", event: queued(2, session("b", at(3))) });
    expect(ids(store.getView().rows)).toEqual(["b", "a"]);
    expect(store.getView().highlighted.has("b")).toBe(true);
  });

  it("a transfer replaces the row with a new queued one", async () => {
    const { store, newRequests } = storeWith({ serverTime: at(0), seq: 1, sessions: [session("a", at(5))] }, true);
    await store.refresh();
    const next = session("a2", at(40), { team: { id: "t2", name: "Billing" } });
    store.receive({
      kind: "event",
      event: {
        seq: 2,
        type: "session.transferred",
        at: at(40),
        data: { sessionId: "a", conversationId: "c-a", agentId: null, endedAt: at(40), note: null, next },
      },
    });
    expect(ids(store.getView().rows)).toEqual(["a2"]);
    expect(newRequests).toEqual(["a2"]);
  });

  it("a gap in the sequence reloads the snapshot instead of guessing", async () => {
    const { store, fetchSnapshot } = storeWith({ serverTime: at(0), seq: 5, sessions: [] });
    await store.refresh();
    store.receive({ kind: "event", event: queued(7, session("x", at(1))) });
    expect(fetchSnapshot).toHaveBeenCalledTimes(2);
  });

  it("events that arrive during a reload are applied after it, once", async () => {
    let release: (s: LiveSessionsSnapshot) => void = () => {};
    const fetchSnapshot = vi.fn(() => new Promise<LiveSessionsSnapshot>((resolve) => (release = resolve)));
    const store = new LiveSessionsStore(fetchSnapshot, true);
    const loading = store.refresh();
    store.receive({ kind: "event", event: queued(3, session("old", at(1))) });
    store.receive({ kind: "event", event: queued(4, session("new", at(2))) });
    release({ serverTime: at(3), seq: 3, sessions: [session("old", at(1))] });
    await loading;
    expect(ids(store.getView().rows)).toEqual(["old", "new"]);
    expect(store.getView().seq).toBe(4);
  });

  it("a resync from the server reloads the snapshot", async () => {
    const { store, fetchSnapshot } = storeWith({ serverTime: at(0), seq: 5, sessions: [] });
    await store.refresh();
    store.receive({ kind: "resync", seq: 90 });
    expect(fetchSnapshot).toHaveBeenCalledTimes(2);
  });

  it("an event already seen is ignored", async () => {
    const { store } = storeWith({ serverTime: at(0), seq: 5, sessions: [session("a", at(1))] }, true);
    await store.refresh();
    store.receive({ kind: "event", event: ended(5, "a") });
    expect(ids(store.getView().rows)).toEqual(["a"]);
  });
});

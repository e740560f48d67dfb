import { describe, expect, it } from "vitest";
import { compareLiveSessions } from "../../shared/live-order";
import { applyLiveEvent, LiveSessionRows } from "../../shared/live-sessions-apply";
import type { LiveSession, LiveSessionsSnapshot } from "../../shared/sessions";
import { snapshotBody } from "./snapshot-body";

const row = (n: number, customerName = `Customer ${n}`): LiveSession => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  conversationId: `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  status: n % 2 ? "queued" : "active",
  customer: { id: `20000000-0000-4000-8000-${String(n).padStart(12, "0")}`, name: customerName },
  agent: n % 2 ? null : { id: "30000000-0000-4000-8000-000000000001", name: "Ana" },
  team: { id: "40000000-0000-4000-8000-000000000001", name: "Support" },
  bot: { id: "50000000-0000-4000-8000-000000000001", name: "Helper" },
  channel: { name: "web", type: "webchat" },
  queuedAt: "2026-11-26T07:00:00.000Z",
  acceptedAt: n % 2 ? null : "2026-11-26T07:01:00.000Z",
});

const snapshot = (sessions: LiveSession[], seq = 7): LiveSessionsSnapshot => ({
  serverTime: "2026-11-26T07:05:00.000Z",
  seq,
  sessions,
});

describe("the Live Sessions snapshot body", () => {
  it("is the JSON of the snapshot, byte for byte", () => {
    const value = snapshot([row(1), row(2), row(3, 'Zoë Ærø 名前 "quoted" \\ \u2028')]);
    expect(snapshotBody(value).toString("utf8")).toBe(JSON.stringify(value));
  });

  it("says an empty organization as an empty list", () => {
    expect(JSON.parse(snapshotBody(snapshot([], 0)).toString("utf8"))).toEqual(snapshot([], 0));
  });

  it("shows a row as it now is after the row was replaced, and the others as before", () => {
    const first = row(1);
    const second = row(2);
    snapshotBody(snapshot([first, second]));
    const renamed = { ...first, customer: { ...first.customer, name: "Renamed" } };
    const next = snapshot([renamed, second], 8);
    expect(snapshotBody(next).toString("utf8")).toBe(JSON.stringify(next));
  });

  it("is fresh after every kind of event that changes rows: the server's copy replaces rows, never edits them", () => {
    const rows = new LiveSessionRows([row(1), row(2), row(3)]);
    const body = () => {
      const value = snapshot([...rows.values()].sort(compareLiveSessions));
      return [snapshotBody(value).toString("utf8"), JSON.stringify(value)];
    };
    const events: { type: string; data: unknown }[] = [
      { type: "session.queued", data: { session: row(4, "Customer 1 renamed") } },
      { type: "session.queued", data: { session: { ...row(5), customer: { ...row(1).customer, name: "Again" } } } },
      {
        type: "session.accepted",
        data: { session: { ...row(3), status: "active", agent: { id: row(9).agent?.id ?? "", name: "Ana" } } },
      },
      {
        type: "session.transferred",
        data: { sessionId: row(2).id, next: { ...row(6), team: { id: row(2).team.id, name: "Support" } } },
      },
      { type: "team.changed", data: { team: { id: row(1).team.id, name: "Support renamed" } } },
      { type: "bot.changed", data: { bot: { id: row(1).bot.id, name: "Helper renamed" } } },
      { type: "user.changed", data: { user: { id: "30000000-0000-4000-8000-000000000001", name: "Ana renamed" } } },
      { type: "session.ended", data: { sessionId: row(4).id } },
    ];
    body(); // every row's bytes kept
    for (const [seq, event] of events.entries()) {
      expect(applyLiveEvent(rows, { ...event, seq: seq + 1, at: "2026-11-26T07:06:00.000Z" } as never)).not.toBeNull();
      const [sent, fresh] = body();
      expect(sent).toBe(fresh);
    }
  });
});

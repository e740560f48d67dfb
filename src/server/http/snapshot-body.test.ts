import { describe, expect, it } from "vitest";
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
});

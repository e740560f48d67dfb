import { describe, expect, it } from "vitest";
import type { LiveEvent } from "./events";
import { applyLiveEvent, LiveSessionRows } from "./live-sessions-apply";
import type { LiveSession } from "./sessions";

const row = (id: string, extra: Partial<LiveSession> = {}): LiveSession => ({
  id,
  conversationId: `c-${id}`,
  status: "queued",
  customer: { id: `u-${id}`, name: `Customer ${id}` },
  agent: null,
  team: { id: "t1", name: "General" },
  bot: { id: "b1", name: "Ava" },
  channel: { name: "Web", type: "web" },
  queuedAt: "2026-01-01T09:00:00.000Z",
  acceptedAt: null,
  ...extra,
});
const event = (type: LiveEvent["type"], data: unknown) =>
  ({ seq: 1, type, at: "2026-01-01T09:00:00.000Z", data }) as LiveEvent;
const rowsOf = (...sessions: LiveSession[]) => new LiveSessionRows(sessions);
const agent = { id: "a1", name: "Alice" };

describe("what an event does to the live sessions", () => {
  it("a hand-off puts its row and is a new request", () => {
    const rows = rowsOf();
    const applied = applyLiveEvent(rows, event("session.queued", { session: row("s1") }));
    expect(applied).toEqual({ put: [row("s1")], requested: [row("s1")], dropped: [], renamed: [] });
    expect([...rows.keys()]).toEqual(["s1"]);
  });

  it("a returning customer's new name shows on their other rows too", () => {
    const earlier = row("s1", { customer: { id: "u1", name: "Carla" } });
    const rows = rowsOf(earlier, row("s2"));
    const next = row("s3", { customer: { id: "u1", name: "Carla B" } });
    const applied = applyLiveEvent(rows, event("session.queued", { session: next }));
    expect(applied?.renamed).toEqual([{ ...earlier, customer: { id: "u1", name: "Carla B" } }]);
    expect(rows.get("s2")).toEqual(row("s2"));
  });

  it("an accept replaces the row", () => {
    const active = row("s1", { status: "active", agent, acceptedAt: "2026-01-01T09:01:00.000Z" });
    const rows = rowsOf(row("s1"));
    expect(applyLiveEvent(rows, event("session.accepted", { session: active }))?.put).toEqual([active]);
    expect(rows.get("s1")).toEqual(active);
  });

  it("a transfer drops the leg that ended and puts the new one, a new request in its team", () => {
    const next = row("s2", { team: { id: "t2", name: "Billing" } });
    const rows = rowsOf(row("s1"));
    const applied = applyLiveEvent(
      rows,
      event("session.transferred", {
        sessionId: "s1",
        conversationId: "c-s1",
        agentId: null,
        endedAt: "2026-01-01T09:02:00.000Z",
        note: null,
        next,
      }),
    );
    expect(applied).toEqual({ put: [next], requested: [next], dropped: ["s1"], renamed: [] });
    expect([...rows.values()]).toEqual([next]);
  });

  it("an end drops the row", () => {
    const rows = rowsOf(row("s1"), row("s2"));
    const applied = applyLiveEvent(
      rows,
      event("session.ended", {
        sessionId: "s1",
        conversationId: "c-s1",
        agentId: null,
        reason: "resolved",
        endedBy: "agent",
        endedAt: "2026-01-01T09:02:00.000Z",
      }),
    );
    expect(applied?.dropped).toEqual(["s1"]);
    expect([...rows.keys()]).toEqual(["s2"]);
  });

  it.each([
    ["team.changed", { team: { id: "t1", name: "Front" } }, (s: LiveSession) => s.team.name, "Front"],
    ["bot.changed", { bot: { id: "b1", name: "Max" } }, (s: LiveSession) => s.bot.name, "Max"],
    ["user.changed", { user: { id: "a1", name: "Alicia" } }, (s: LiveSession) => s.agent?.name, "Alicia"],
  ] as const)("%s renames the rows that show that name, and only those", (type, data, nameOf, name) => {
    const shows = row("s1", { status: "active", agent });
    const other = row("s2", {
      team: { id: "t9", name: "Other" },
      bot: { id: "b9", name: "Other" },
    });
    const rows = rowsOf(shows, other);
    const applied = applyLiveEvent(rows, event(type, data));
    expect(applied?.renamed.map(nameOf)).toEqual([name]);
    expect(nameOf(rows.get("s1") as LiveSession)).toBe(name);
    expect(rows.get("s2")).toEqual(other);
  });

  it("a rename to the same name, or an event that shows in no row, changes nothing", () => {
    const rows = rowsOf(row("s1"));
    expect(applyLiveEvent(rows, event("team.changed", { team: { id: "t1", name: "General" } }))).toBeNull();
    expect(applyLiveEvent(rows, event("settings.changed", { settings: {} }))).toBeNull();
    expect([...rows.values()]).toEqual([row("s1")]);
  });
});

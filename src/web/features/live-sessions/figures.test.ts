import { describe, expect, it } from "vitest";
import type { Agent } from "../../../shared/people";
import type { LiveSession } from "../../../shared/sessions";
import { computeFigures, waitLevel } from "./figures";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, s)).toISOString();
const session = (id: string, team: string, status: "queued" | "active", queuedS: number): LiveSession => ({
  id,
  conversationId: id,
  status,
  customer: { id, name: id },
  agent: status === "active" ? { id: "a1", name: "A" } : null,
  team: { id: team, name: team.toUpperCase() },
  bot: { id: "b", name: "Bot" },
  channel: { name: "Web", type: "web" },
  queuedAt: t(queuedS),
  acceptedAt: status === "active" ? t(queuedS + 5) : null,
});
const agent = (id: string, status: Agent["status"], teamIds: string[]): Agent => ({
  id,
  orgId: "o",
  email: `${id}@x`,
  name: id,
  roles: ["agent"],
  status,
  statusChangedAt: t(0),
  onlineSince: null,
  teams: teamIds.map((tid) => ({ id: tid, name: tid })),
  activeChats: 0,
});

describe("Live Sessions header figures", () => {
  const figures = computeFigures(
    [
      session("1", "billing", "queued", 0),
      session("2", "billing", "queued", 20),
      session("3", "tech", "active", 0),
      session("4", "tech", "queued", 30),
    ],
    [agent("x", "online", ["billing"]), agent("y", "away", ["billing", "tech"]), agent("z", "offline", ["tech"])],
    [
      { id: "billing", name: "Billing" },
      { id: "tech", name: "Tech" },
      { id: "general", name: "General" },
    ],
  );

  it("counts queued and active and agents online and away", () => {
    expect(figures).toMatchObject({ queued: 3, active: 1, online: 1, away: 1 });
  });

  it("gives the longest and the average wait of the queue", () => {
    expect(figures.oldestQueuedAt).toBe(Date.parse(t(0)));
    expect(figures.meanQueuedAt).toBe((Date.parse(t(0)) + Date.parse(t(20)) + Date.parse(t(30))) / 3);
  });

  it("breaks the same down per team, including teams with nothing queued", () => {
    const byTeam = Object.fromEntries(figures.teams.map((f) => [f.teamId, f]));
    expect(byTeam.billing).toMatchObject({ queued: 2, active: 0, online: 1, away: 1 });
    expect(byTeam.tech).toMatchObject({ queued: 1, active: 1, online: 0, away: 1 });
    expect(byTeam.general).toMatchObject({ queued: 0, active: 0, oldestQueuedAt: null, meanQueuedAt: null });
  });
});

describe("wait-time thresholds", () => {
  const thresholds = { amberSeconds: 60, redSeconds: 180 };
  it.each([
    [59_999, "normal"],
    [60_000, "amber"],
    [179_999, "amber"],
    [180_000, "red"],
  ])("%i ms is %s", (ms, level) => {
    expect(waitLevel(ms, thresholds)).toBe(level);
  });
});

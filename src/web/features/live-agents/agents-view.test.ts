import { describe, expect, it } from "vitest";
import type { Agent } from "../../../shared/people";
import { filterAgents, orderAgents } from "./agents-view";

const agent = (name: string, status: Agent["status"]): Agent => ({
  id: name,
  orgId: "o",
  email: `${name.toLowerCase()}@example.test`,
  name,
  roles: ["agent"],
  status,
  statusChangedAt: "2026-01-01T09:00:00.000Z",
  onlineSince: null,
  teams: [],
  activeChats: 0,
});
const agents = [agent("Zed", "offline"), agent("Bea", "away"), agent("Cal", "online"), agent("Abe", "online")];

describe("Live Agents", () => {
  it("lists active agents first, then away, then offline, by name within each", () => {
    expect(orderAgents(agents).map((a) => a.name)).toEqual(["Abe", "Cal", "Bea", "Zed"]);
  });
  it("filters by status and searches name and email", () => {
    expect(filterAgents(agents, "online", "").map((a) => a.name)).toEqual(["Cal", "Abe"]);
    expect(filterAgents(agents, null, "BEA@").map((a) => a.name)).toEqual(["Bea"]);
  });
});

import { describe, expect, it } from "vitest";
import type { Agent } from "../../../shared/people";
import type { Team } from "../../lib/queries";
import { candidatesFor, membersOf, orderTeams, teamChanges, validateTeam } from "./team-form";

const team = (name: string, overrides: Partial<Team> = {}): Team => ({
  id: name.toLowerCase(),
  name,
  description: "",
  isDefault: false,
  memberIds: [],
  queued: 0,
  active: 0,
  ...overrides,
});
const agent = (name: string, roles: Agent["roles"] = ["agent"]): Agent => ({
  id: name.toLowerCase(),
  orgId: "o",
  email: `${name.toLowerCase()}@example.test`,
  name,
  roles,
  status: "online",
  statusChangedAt: "2026-01-01T09:00:00.000Z",
  onlineSince: null,
  teams: [],
  activeChats: 0,
});

describe("the team form", () => {
  it("accepts a name of letters, digits and _ starting with a letter, up to 50, and trims spaces", () => {
    expect(validateTeam({ name: "  Tier_2 ", description: " Second line " })).toEqual({
      ok: true,
      value: { name: "Tier_2", description: "Second line" },
    });
    expect(validateTeam({ name: `A${"b".repeat(49)}`, description: "" }).ok).toBe(true);
  });

  it("refuses an empty name, a bad pattern, more than 50 characters and a description over 200", () => {
    expect(validateTeam({ name: "", description: "" })).toEqual({ ok: false, errors: { name: "Required" } });
    expect(validateTeam({ name: "VIP team", description: "" })).toMatchObject({
      errors: { name: "Starts with a letter; letters, digits and _ only" },
    });
    expect(validateTeam({ name: "_vip", description: "" }).ok).toBe(false);
    expect(validateTeam({ name: `A${"b".repeat(50)}`, description: "" })).toMatchObject({
      errors: { name: "At most 50 characters" },
    });
    expect(validateTeam({ name: "Vip", description: "x".repeat(201) })).toMatchObject({
      errors: { description: "At most 200 characters" },
    });
  });

  it("sends only what changed", () => {
    const vip = team("Vip", { description: "Gold" });
    expect(teamChanges(vip, { name: "Vip", description: "Gold" })).toBeNull();
    expect(teamChanges(vip, { name: "Vip", description: "Gold and platinum" })).toEqual({
      description: "Gold and platinum",
    });
    expect(teamChanges(vip, { name: "Premium", description: "Gold" })).toEqual({ name: "Premium" });
  });
});

describe("team members", () => {
  const agents = [agent("Cal"), agent("Abe"), agent("Sue", ["supervisor", "admin"]), agent("Bea")];

  it("offers only live agents not in the team yet, by name", () => {
    expect(candidatesFor(team("Vip", { memberIds: ["bea"] }), agents).map((a) => a.name)).toEqual(["Abe", "Cal"]);
  });

  it("lists members by name, and a member the agents list does not know still shows", () => {
    expect(membersOf(team("Vip", { memberIds: ["cal", "gone", "abe"] }), agents).map((m) => m.name)).toEqual([
      "Abe",
      "Cal",
      "Unknown user",
    ]);
  });

  it("lists the default team first, then by name", () => {
    const teams = [team("Support"), team("Billing"), team("General", { isDefault: true })];
    expect(orderTeams(teams).map((t) => t.name)).toEqual(["General", "Billing", "Support"]);
  });
});

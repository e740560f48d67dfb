import { describe, expect, it } from "vitest";
import { rowsOf } from "./key-value-rows";
import { conditionsMatch, type RoutingRule, routeWithDraft, ruleChanges, validateRule } from "./rule-form";

const TEAM = "7b3e1f0a-3c1d-4e2f-9a1b-2c3d4e5f6a7b";
const rule = (name: string, conditions: RoutingRule["conditions"], overrides: Partial<RoutingRule> = {}) => ({
  id: name,
  name,
  description: "",
  conditions,
  teamId: `team-${name}`,
  enabled: true,
  createdAt: "2026-01-01T09:00:00.000Z",
  ...overrides,
});

describe("the routing rule form", () => {
  it("gives the rule to send: trimmed name and conditions, blank condition rows left out", () => {
    const rows = rowsOf([
      { key: "plan", value: "gold" },
      { key: "", value: "" },
    ]);
    expect(validateRule({ name: " Gold ", description: "", teamId: TEAM, enabled: true, rows })).toEqual({
      ok: true,
      value: {
        name: "Gold",
        description: "",
        teamId: TEAM,
        enabled: true,
        conditions: [{ key: "plan", value: "gold" }],
      },
      rowIds: [rows[0].rowId],
    });
  });

  it("needs a name of up to 50, a team, and at least one condition, each key once", () => {
    const result = validateRule({
      name: "x".repeat(51),
      description: "",
      teamId: null,
      enabled: true,
      rows: rowsOf([]),
    });
    expect(result).toMatchObject({
      ok: false,
      errors: { name: "At most 50 characters", teamId: "Choose a team", conditions: "Add at least one condition" },
    });
    const rows = rowsOf([
      { key: "plan", value: "gold" },
      { key: "plan", value: "silver" },
      { key: "", value: "orphan" },
    ]);
    const dup = validateRule({ name: "R", description: "", teamId: TEAM, enabled: true, rows });
    expect(dup).toMatchObject({
      ok: false,
      rowErrors: { [rows[1].rowId]: { key: "This key is already used above" }, [rows[2].rowId]: { key: "Required" } },
    });
  });

  it("sends only what changed", () => {
    const saved = rule("Gold", [{ key: "plan", value: "gold" }], { teamId: TEAM });
    const same = { name: "Gold", description: "", teamId: TEAM, enabled: true, conditions: saved.conditions };
    expect(ruleChanges(saved, same)).toBeNull();
    expect(ruleChanges(saved, { ...same, enabled: false })).toEqual({ enabled: false });
    const conditions = [...saved.conditions, { key: "lang", value: "fr" }];
    expect(ruleChanges(saved, { ...same, conditions })).toEqual({ conditions });
  });
});

describe("where a request would go with an unsaved rule", () => {
  // In the API's order: newest first.
  const rules = [rule("Newer", [{ key: "lang", value: "fr" }]), rule("Older", [{ key: "plan", value: "gold" }])];

  it("all conditions must equal the request's attributes; a rule without conditions matches nothing", () => {
    expect(conditionsMatch([{ key: "plan", value: "gold" }], { plan: "gold", lang: "en" })).toBe(true);
    expect(conditionsMatch([{ key: "plan", value: "gold" }], { plan: "Gold" })).toBe(false);
    expect(conditionsMatch([], { plan: "gold" })).toBe(false);
    expect(conditionsMatch([{ key: "toString", value: "x" }], {})).toBe(false);
  });

  it("a new rule is the newest, so when it matches it wins", () => {
    const draft = { name: "Vip", conditions: [{ key: "plan", value: "gold" }], teamId: "team-Vip", enabled: true };
    expect(routeWithDraft(rules, draft, { plan: "gold", lang: "fr" })).toEqual({
      ruleName: "Vip",
      isDraft: true,
      teamId: "team-Vip",
    });
    expect(routeWithDraft(rules, { ...draft, enabled: false }, { plan: "gold", lang: "fr" })).toMatchObject({
      ruleName: "Newer",
      isDraft: false,
    });
  });

  it("an edited rule keeps its place: a newer match still wins over it", () => {
    const draft = {
      id: "Older",
      name: "Older",
      conditions: [{ key: "lang", value: "fr" }],
      teamId: "x",
      enabled: true,
    };
    expect(routeWithDraft(rules, draft, { lang: "fr" })).toMatchObject({ ruleName: "Newer", isDraft: false });
    expect(routeWithDraft(rules, draft, { plan: "gold" })).toEqual({ ruleName: null, isDraft: false, teamId: null });
  });
});

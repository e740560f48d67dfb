import { describe, expect, it } from "vitest";
import { matchRule, type RuleCandidate } from "./routing";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const rule = (id: string, minute: number, conditions: Record<string, string>, enabled = true): RuleCandidate => ({
  id,
  teamId: `team-of-${id}`,
  enabled,
  createdAt: at(minute),
  conditions: Object.entries(conditions).map(([key, value]) => ({ key, value })),
});

const rules = [
  rule("billing", 1, { topic: "billing" }),
  rule("billing-es", 2, { topic: "billing", language: "es" }),
  rule("vip-disabled", 3, { tier: "vip" }, false),
  rule("billing-newest", 4, { topic: "billing", channel: "web" }),
];

describe("routing (PRODUCT.md: newest matching enabled rule wins, else the default team)", () => {
  it.each([
    ["all pairs equal → that rule", { topic: "billing" }, "billing"],
    ["the newest of several matches wins", { topic: "billing", language: "es", channel: "web" }, "billing-newest"],
    [
      "an older, more specific rule still matches when newer ones miss",
      { topic: "billing", language: "es" },
      "billing-es",
    ],
    ["a disabled rule is skipped", { tier: "vip" }, null],
    ["a partial match misses", { language: "es" }, null],
    ["values compare exactly", { topic: "Billing" }, null],
    ["no attributes → the default team", {}, null],
    ["extra attributes do not hurt", { topic: "billing", extra: "x" }, "billing"],
  ])("%s", (_case, attributes, expected) => {
    expect(matchRule(rules, attributes as Record<string, string>)?.id ?? null).toBe(expected);
  });

  it("an attribute inherited from Object.prototype never matches", () => {
    expect(matchRule([rule("proto", 1, { toString: "x" })], {})).toBeNull();
  });
});

// Routing a request to a team: the newest enabled rule whose conditions all equal the request's
// attributes wins; none matches → the default team; the rule applied is recorded on the session
// (PRODUCT.md, "Routing and assignment").
import { and, desc, eq, isNull } from "drizzle-orm";
import { conditionsMatch } from "../../shared/routing";
import type { Tx } from "../db/client";
import { routingRules, teams } from "../db/schema";

export interface RuleCandidate {
  id: string;
  teamId: string;
  enabled: boolean;
  createdAt: Date;
  conditions: { key: string; value: string }[];
}

export function matchRule<R extends RuleCandidate>(rules: R[], attributes: Record<string, string>): R | null {
  const newestFirst = [...rules].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
  );
  return newestFirst.find((rule) => rule.enabled && conditionsMatch(rule.conditions, attributes)) ?? null;
}

export async function routeRequest(tx: Tx, orgId: string, attributes: Record<string, string>) {
  const rules = await tx
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.orgId, orgId), eq(routingRules.enabled, true), isNull(routingRules.deletedAt)))
    .orderBy(desc(routingRules.createdAt));
  const rule = matchRule(rules, attributes);
  const [team] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(
      rule
        ? and(eq(teams.orgId, orgId), eq(teams.id, rule.teamId))
        : and(eq(teams.orgId, orgId), eq(teams.isDefault, true)),
    );
  if (!team) throw new Error(`organization ${orgId} has no default team`);
  return { team, rule };
}

// Routing a request to a team: the newest enabled rule whose conditions all equal the request's
// attributes wins; none matches → the default team; the rule applied is recorded on the session
// (PRODUCT.md, "Routing and assignment").
import { conditionsMatch } from "../../shared/routing";

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

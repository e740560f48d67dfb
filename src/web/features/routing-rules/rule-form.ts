// The routing rule form's rules, from the shared contract (a name of up to 50, a description of up to 200,
// 1–20 conditions, a target team), and the preview of an unsaved rule for "Try it".
import type { z } from "zod";
import { createRoutingRuleSchema, type routingRuleSchema } from "../../../shared/organization";
import { type FieldErrors, validate } from "../../lib/form-errors";
import {
  duplicateKeyErrors,
  type Pair,
  type PairRow,
  pairsOf,
  type RowErrors,
  rowErrorsOf,
  rowsOf,
} from "./key-value-rows";

export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type RuleInput = z.output<typeof createRoutingRuleSchema>;
export type RuleDraft = { name: string; description: string; teamId: string | null; enabled: boolean; rows: PairRow[] };

export const draftOf = (rule?: RoutingRule): RuleDraft => ({
  name: rule?.name ?? "",
  description: rule?.description ?? "",
  teamId: rule?.teamId ?? null,
  enabled: rule?.enabled ?? true,
  rows: rowsOf(rule?.conditions ?? []),
});

export type RuleCheck =
  | { ok: true; value: RuleInput; rowIds: number[] }
  | { ok: false; errors: FieldErrors; rowErrors: RowErrors; rowIds: number[] };

export function validateRule(draft: RuleDraft): RuleCheck {
  const { pairs, rowIds } = pairsOf(draft.rows);
  const result = validate(createRoutingRuleSchema, {
    name: draft.name,
    description: draft.description.trim(),
    teamId: draft.teamId ?? "",
    enabled: draft.enabled,
    conditions: pairs,
  });
  const duplicates = duplicateKeyErrors(draft.rows);
  if (result.ok && Object.keys(duplicates).length === 0) return { ok: true, value: result.value, rowIds };
  const errors = result.ok ? {} : { ...result.errors };
  if (errors.teamId) errors.teamId = "Choose a team";
  if (errors.conditions && pairs.length === 0) errors.conditions = "Add at least one condition";
  const rowErrors = rowErrorsOf(errors, "conditions", rowIds);
  for (const [rowId, error] of Object.entries(duplicates)) rowErrors[Number(rowId)] ??= error;
  return { ok: false, errors, rowErrors, rowIds };
}

/** Only what changed; null when nothing did. */
export function ruleChanges(rule: RoutingRule, value: RuleInput): Partial<RuleInput> | null {
  const changes: Partial<RuleInput> = {};
  if (value.name !== rule.name) changes.name = value.name;
  if (value.description !== rule.description) changes.description = value.description;
  if (value.teamId !== rule.teamId) changes.teamId = value.teamId;
  if (value.enabled !== rule.enabled) changes.enabled = value.enabled;
  if (JSON.stringify(value.conditions) !== JSON.stringify(rule.conditions)) changes.conditions = value.conditions;
  return Object.keys(changes).length > 0 ? changes : null;
}

import { conditionsMatch } from "../../../shared/routing";

export { conditionsMatch };

export type DraftRule = { id?: string; name: string; conditions: Pair[]; teamId: string | null; enabled: boolean };

/**
 * Where a request would go if the draft were saved: the draft takes the place of the rule it edits (rules
 * keep their age), or comes first as the newest rule; the newest enabled match wins, none → default team.
 * `rules` are in the API's precedence order. `teamId` null means the default team.
 */
export function routeWithDraft(
  rules: readonly RoutingRule[],
  draft: DraftRule,
  attributes: Record<string, string>,
): { ruleName: string | null; isDraft: boolean; teamId: string | null } {
  type Candidate = { name: string; conditions: Pair[]; teamId: string | null; enabled: boolean; isDraft: boolean };
  const saved: Candidate[] = rules.map((r) =>
    r.id === draft.id ? { ...draft, isDraft: true } : { ...r, isDraft: false },
  );
  const candidates = draft.id && rules.some((r) => r.id === draft.id) ? saved : [{ ...draft, isDraft: true }, ...saved];
  const winner = candidates.find((c) => c.enabled && conditionsMatch(c.conditions, attributes));
  return winner
    ? { ruleName: winner.name, isDraft: winner.isDraft, teamId: winner.teamId }
    : { ruleName: null, isDraft: false, teamId: null };
}

export const rulesQueryKey = ["routing-rules"];

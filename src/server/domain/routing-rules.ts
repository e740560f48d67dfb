// Routing rules: conditions (key = value, all must match) → team; the newest enabled match wins. A deleted
// rule is kept, marked, because sessions record the rule that routed them.
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { routingRules, teams } from "../db/schema";
import type { CommandContext } from "../events/writer";
import type { Actor } from "./actor";
import { recordAudit } from "./audit";
import { notFound } from "./errors";
import { forgetOrgConfig } from "./org-config";
import { matchRule } from "./routing";

type RuleRow = typeof routingRules.$inferSelect;
export type RuleInput = {
  name: string;
  description: string;
  conditions: { key: string; value: string }[];
  teamId: string;
  enabled: boolean;
};

export function presentRule(row: RuleRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    conditions: row.conditions,
    teamId: row.teamId,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
  };
}

const current = (orgId: string) => and(eq(routingRules.orgId, orgId), isNull(routingRules.deletedAt));

/** In precedence order: newest first. */
export async function listRules(db: Db | Tx, orgId: string) {
  const rows = await db
    .select()
    .from(routingRules)
    .where(current(orgId))
    .orderBy(desc(routingRules.createdAt), desc(routingRules.id));
  return rows.map(presentRule);
}

async function assertTeam(tx: Tx, orgId: string, teamId: string) {
  const [team] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.deletedAt)));
  if (!team) throw notFound("team", "teamId");
}

export async function createRule(ctx: CommandContext, input: RuleInput, actor: Actor) {
  await assertTeam(ctx.tx, ctx.orgId, input.teamId);
  const [row] = await ctx.tx
    .insert(routingRules)
    .values({ id: randomUUID(), orgId: ctx.orgId, ...input, createdAt: ctx.now })
    .returning();
  const rule = presentRule(row);
  ctx.emit("routing_rule.changed", { rule });
  forgetOrgConfig(ctx);
  await recordAudit(ctx, actor, {
    kind: "routing_rule",
    action: "created",
    subjectId: rule.id,
    summary: `Rule ${rule.name} created`,
    after: rule,
  });
  return rule;
}

export async function updateRule(ctx: CommandContext, ruleId: string, patch: Partial<RuleInput>, actor: Actor) {
  if (patch.teamId) await assertTeam(ctx.tx, ctx.orgId, patch.teamId);
  const [before] = await ctx.tx
    .select()
    .from(routingRules)
    .where(and(current(ctx.orgId), eq(routingRules.id, ruleId)))
    .for("update");
  if (!before) throw notFound("routing rule");
  const [row] = await ctx.tx.update(routingRules).set(patch).where(eq(routingRules.id, ruleId)).returning();
  const rule = presentRule(row);
  ctx.emit("routing_rule.changed", { rule });
  forgetOrgConfig(ctx);
  await recordAudit(ctx, actor, {
    kind: "routing_rule",
    action: "updated",
    subjectId: rule.id,
    summary: `Rule ${rule.name} updated`,
    before: presentRule(before),
    after: rule,
  });
  return rule;
}

export async function deleteRule(ctx: CommandContext, ruleId: string, actor: Actor) {
  const [row] = await ctx.tx
    .update(routingRules)
    .set({ deletedAt: ctx.now })
    .where(and(current(ctx.orgId), eq(routingRules.id, ruleId)))
    .returning();
  if (!row) throw notFound("routing rule");
  ctx.emit("routing_rule.deleted", { ruleId });
  forgetOrgConfig(ctx);
  await recordAudit(ctx, actor, {
    kind: "routing_rule",
    action: "deleted",
    subjectId: ruleId,
    summary: `Rule ${row.name} deleted`,
    before: presentRule(row),
  });
}

/** Which rule and team a request with these attributes would reach, without queuing anything. */
export async function testRouting(db: Db, orgId: string, attributes: Record<string, string>) {
  const rows = await db.select().from(routingRules).where(current(orgId));
  const rule = matchRule(rows, attributes);
  const [team] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(
      rule
        ? and(eq(teams.orgId, orgId), eq(teams.id, rule.teamId))
        : and(eq(teams.orgId, orgId), eq(teams.isDefault, true)),
    );
  return { rule: rule ? presentRule(rule) : null, team };
}

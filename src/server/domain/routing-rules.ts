// Routing rules: conditions (key = value, all must match) → team; the newest enabled match wins.
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { routingRules, teams } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { notFound } from "./errors";
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

/** In precedence order: newest first. */
export async function listRules(db: Db, orgId: string) {
  const rows = await db
    .select()
    .from(routingRules)
    .where(eq(routingRules.orgId, orgId))
    .orderBy(desc(routingRules.createdAt), desc(routingRules.id));
  return rows.map(presentRule);
}

async function assertTeam(tx: Tx, orgId: string, teamId: string) {
  const [team] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)));
  if (!team) throw notFound("team", "teamId");
}

export async function createRule(ctx: CommandContext, input: RuleInput) {
  await assertTeam(ctx.tx, ctx.orgId, input.teamId);
  const [row] = await ctx.tx
    .insert(routingRules)
    .values({ id: randomUUID(), orgId: ctx.orgId, ...input, createdAt: ctx.now })
    .returning();
  const rule = presentRule(row);
  ctx.emit("routing_rule.changed", { rule });
  return rule;
}

export async function updateRule(ctx: CommandContext, ruleId: string, patch: Partial<RuleInput>) {
  if (patch.teamId) await assertTeam(ctx.tx, ctx.orgId, patch.teamId);
  const [row] = await ctx.tx
    .update(routingRules)
    .set(patch)
    .where(and(eq(routingRules.orgId, ctx.orgId), eq(routingRules.id, ruleId)))
    .returning();
  if (!row) throw notFound("routing rule");
  const rule = presentRule(row);
  ctx.emit("routing_rule.changed", { rule });
  return rule;
}

export async function deleteRule(ctx: CommandContext, ruleId: string) {
  const [row] = await ctx.tx
    .delete(routingRules)
    .where(and(eq(routingRules.orgId, ctx.orgId), eq(routingRules.id, ruleId)))
    .returning({ id: routingRules.id });
  if (!row) throw notFound("routing rule");
  ctx.emit("routing_rule.deleted", { ruleId });
}

/** Which rule and team a request with these attributes would reach, without queuing anything. */
export async function testRouting(db: Db, orgId: string, attributes: Record<string, string>) {
  const rows = await db.select().from(routingRules).where(eq(routingRules.orgId, orgId));
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

// What routing and assignment read on every hand-off (routing rules, teams, bots, settings), kept in this
// process's memory per organization: reading it afresh was most of a hand-off's statements.
//
// The copy is as fresh as a read at the transaction's last statement: triggers bump the organization's
// config version whenever those tables change (migration 0004). A transaction that uses the kept copy
// assumes its version, and the writer checks that in the transaction's last statement (a changed version
// rolls it back and runs it again on a fresh read), so using the copy costs no round trip. A lookup that
// misses in the copy asks for the current configuration before it fails (`currentOrgConfig`). A command
// that changes them calls `forgetOrgConfig` so the commands after it in the same transaction read them
// again; what such a transaction reads is its own, not yet committed, and is never kept for others.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type Settings, settingsSchema } from "../../shared/settings";
import type { Tx } from "../db/client";
import { bots, configVersions, organizations, routingRules, teams } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { notFound } from "./errors";
import { matchRule, type RuleCandidate } from "./routing";

export interface Named {
  id: string;
  name: string;
}

export interface OrgConfig {
  version: number;
  settings: Settings;
  /** Enabled rules, newest first. */
  rules: RuleCandidate[];
  /** Teams not deleted, by id. */
  teams: Map<string, Named>;
  defaultTeam: Named;
  bots: { byId: Map<string, Named>; byName: Map<string, Named> };
}

const KEY = "org-config";
const CHANGED_HERE = "org-config:changed";

export async function orgConfig(ctx: CommandContext): Promise<OrgConfig> {
  const current = ctx.shared.get(KEY) as OrgConfig | undefined;
  if (current) return current;
  let config: OrgConfig;
  const kept = ctx.cache.get(KEY) as OrgConfig | undefined;
  if (ctx.shared.has(CHANGED_HERE)) {
    config = await loadOrgConfig(ctx.tx, ctx.orgId, Number.NaN);
  } else if (kept) {
    config = kept;
    ctx.assume(sql`coalesce((select version from ${configVersions} where org_id = ${ctx.orgId}), 0) = ${kept.version}`);
  } else {
    config = await loadOrgConfig(ctx.tx, ctx.orgId, await readVersion(ctx));
    ctx.cache.set(KEY, config);
  }
  ctx.shared.set(KEY, config);
  return config;
}

/**
 * The configuration as the database has it now: for a lookup that missed in the kept copy (a bot created a
 * moment ago by another process), which must not fail on an old copy. Costs a round trip only when the
 * copy was taken from memory.
 */
export async function currentOrgConfig(ctx: CommandContext): Promise<OrgConfig> {
  const config = await orgConfig(ctx);
  if (Number.isNaN(config.version)) return config; // read in this transaction
  if ((await readVersion(ctx)) === config.version) return config;
  ctx.cache.delete(KEY);
  ctx.shared.delete(KEY);
  return orgConfig(ctx);
}

async function readVersion(ctx: CommandContext): Promise<number> {
  const [row] = await ctx.tx
    .select({ version: configVersions.version })
    .from(configVersions)
    .where(eq(configVersions.orgId, ctx.orgId));
  return row?.version ?? 0;
}

/** After a change to rules, teams, bots or settings: later reads in this transaction see it. */
export function forgetOrgConfig(ctx: CommandContext) {
  ctx.shared.delete(KEY);
  ctx.cache.delete(KEY); // the next transaction reads afresh instead of assuming a version about to change
  ctx.shared.set(CHANGED_HERE, true);
}

/** The team a request with these attributes reaches, and the rule that sent it there (none: the default). */
export function route(config: OrgConfig, attributes: Record<string, string>) {
  const rule = matchRule(config.rules, attributes);
  const team = rule ? config.teams.get(rule.teamId) : config.defaultTeam;
  // A team cannot be deleted while a rule sends requests to it (teams.ts); were it ever, the default.
  return { rule: team ? rule : null, team: team ?? config.defaultTeam };
}

async function loadOrgConfig(tx: Tx, orgId: string, version: number): Promise<OrgConfig> {
  const [org] = await tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org) throw notFound("organization");
  const rules = await tx
    .select({
      id: routingRules.id,
      teamId: routingRules.teamId,
      enabled: routingRules.enabled,
      createdAt: routingRules.createdAt,
      conditions: routingRules.conditions,
    })
    .from(routingRules)
    .where(and(eq(routingRules.orgId, orgId), eq(routingRules.enabled, true), isNull(routingRules.deletedAt)))
    .orderBy(desc(routingRules.createdAt));
  const teamRows = await tx
    .select({ id: teams.id, name: teams.name, isDefault: teams.isDefault })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), isNull(teams.deletedAt)));
  const botRows = await tx.select({ id: bots.id, name: bots.name }).from(bots).where(eq(bots.orgId, orgId));
  const defaultTeam = teamRows.find((t) => t.isDefault);
  if (!defaultTeam) throw new Error(`organization ${orgId} has no default team`);
  const named = (r: Named) => ({ id: r.id, name: r.name });
  return {
    version,
    settings: settingsSchema.parse(org.settings ?? {}),
    rules,
    teams: new Map(teamRows.map((t) => [t.id, named(t)])),
    defaultTeam: named(defaultTeam),
    bots: {
      byId: new Map(botRows.map((b) => [b.id, named(b)])),
      byName: new Map(botRows.map((b) => [b.name, named(b)])),
    },
  };
}

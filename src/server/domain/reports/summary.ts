// Summary figures of a report and their breakdown by team, live agent, channel, bot or hour of day, computed
// by PostgreSQL in one pass over the range each (never by loading the sessions into JavaScript).
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { ReportGrouping, ReportSummary } from "../../../shared/reports";
import { waitBucketEdgesMs } from "../../../shared/reports";
import type { Db, Tx } from "../../db/client";
import { bots, conversations, sessions, teams, users } from "../../db/schema";
import { emptyFigures, figureColumns, presentFigures, waitBucketColumns } from "./figures";
import { type ReportScope, scopeCondition, scopeNeedsConversation } from "./scope";

export interface SummaryOptions {
  groupBy?: ReportGrouping;
  /** The hour of day is counted here (the browser's zone). */
  timeZone: string;
  now: Date;
}

const NO_AGENT = "No live agent";

export async function summarizeReport(db: Db, scope: ReportScope, options: SummaryOptions): Promise<ReportSummary> {
  // Read-only, with room to sort a range's waits in memory rather than on disk (percentiles sort them), and
  // without parallel workers: on a small machine they take cores from the live path and, measured, were
  // slower than one process (bench/RESULTS.md, reports).
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`);
      await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
      const totals = await totalsOf(tx, scope);
      const groups = options.groupBy ? await groupsOf(tx, scope, options.groupBy, options.timeZone) : [];
      return {
        serverTime: options.now.toISOString(),
        from: scope.from.toISOString(),
        to: scope.to.toISOString(),
        timeZone: options.timeZone,
        totals: presentFigures(totals),
        waitDistribution: waitBucketEdgesMs.map((fromMs, i) => ({
          fromMs,
          toMs: waitBucketEdgesMs[i + 1] ?? null,
          sessions: Number(totals[`bucket${i}`]),
        })),
        groupBy: options.groupBy ?? null,
        groups,
      };
    },
    { accessMode: "read only" },
  );
}

async function totalsOf(tx: Tx, scope: ReportScope) {
  let query = tx
    .select({ ...figureColumns, ...waitBucketColumns })
    .from(sessions)
    .$dynamic();
  if (scopeNeedsConversation(scope.filters))
    query = query.innerJoin(conversations, eq(conversations.id, sessions.conversationId));
  const [row] = await query.where(scopeCondition(scope));
  return row as Record<string, unknown> & Parameters<typeof presentFigures>[0];
}

function groupKey(groupBy: ReportGrouping, timeZone: string): { key: SQL; needsConversation: boolean } {
  switch (groupBy) {
    case "team":
      return { key: sql`${sessions.teamId}::text`, needsConversation: false };
    case "agent":
      return { key: sql`${sessions.agentId}::text`, needsConversation: false };
    case "channel":
      return { key: sql`${conversations.channelName}`, needsConversation: true };
    case "bot":
      return { key: sql`${conversations.botId}::text`, needsConversation: true };
    case "hour":
      return {
        key: sql`date_part('hour', ${sessions.queuedAt} at time zone ${timeZone})::int::text`,
        needsConversation: false,
      };
  }
}

async function groupsOf(tx: Tx, scope: ReportScope, groupBy: ReportGrouping, timeZone: string) {
  const { key, needsConversation } = groupKey(groupBy, timeZone);
  let query = tx
    .select({ key: sql<string | null>`${key}`, ...figureColumns })
    .from(sessions)
    .$dynamic();
  if (needsConversation || scopeNeedsConversation(scope.filters))
    query = query.innerJoin(conversations, eq(conversations.id, sessions.conversationId));
  // By position: the hour's expression carries the time zone as a parameter, so it cannot be repeated.
  const rows = await query.where(scopeCondition(scope)).groupBy(sql`1`);
  const groups = rows.map((row) => ({ key: row.key, figures: presentFigures(row) }));

  if (groupBy === "hour") {
    const byHour = new Map(groups.map((g) => [g.key, g.figures]));
    return Array.from({ length: 24 }, (_, hour) => ({
      key: String(hour),
      label: `${String(hour).padStart(2, "0")}:00`,
      figures: byHour.get(String(hour)) ?? emptyFigures,
    }));
  }
  const labels = await labelsOf(
    tx,
    scope.orgId,
    groupBy,
    groups.map((g) => g.key).filter((k) => k !== null),
  );
  return groups
    .map((g) => ({ ...g, label: g.key === null ? NO_AGENT : (labels.get(g.key) ?? g.key) }))
    .sort((a, b) => b.figures.sessions - a.figures.sessions || a.label.localeCompare(b.label));
}

/** Names of the groups' teams, agents or bots (deleted teams too: they stay for history). */
async function labelsOf(tx: Tx, orgId: string, groupBy: ReportGrouping, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0 || groupBy === "channel") return new Map(keys.map((k) => [k, k]));
  const table = groupBy === "team" ? teams : groupBy === "agent" ? users : bots;
  const rows = await tx
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.orgId, orgId), inArray(table.id, keys)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

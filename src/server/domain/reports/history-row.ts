// A session of the history as the report shows it: one query shape and one presenter for the sessions
// table and the conversation's legs. Timers follow PRODUCT.md ("Timers"), stopped where the leg stopped.
import { eq, type SQL, sql } from "drizzle-orm";
import type { ReportSession } from "../../../shared/reports";
import type { Db } from "../../db/client";
import { bots, conversations, customers, routingRules, sessions, teams, users } from "../../db/schema";

export const historyColumns = {
  id: sessions.id,
  conversationId: sessions.conversationId,
  status: sessions.status,
  endReason: sessions.endReason,
  queuedAt: sessions.queuedAt,
  acceptedAt: sessions.acceptedAt,
  endedAt: sessions.endedAt,
  previousSessionId: sessions.previousSessionId,
  transferNote: sessions.transferNote,
  customerId: customers.id,
  customerName: customers.name,
  customerEmail: customers.email,
  agentId: users.id,
  agentName: users.name,
  teamId: teams.id,
  teamName: teams.name,
  botId: bots.id,
  botName: bots.name,
  channelName: conversations.channelName,
  channelType: conversations.channelType,
  ruleId: routingRules.id,
  ruleName: routingRules.name,
};

/** `sortKey`: read back as text too, exactly as PostgreSQL holds it, for a keyset cursor. */
export function historyQuery(db: Db, sortKey: SQL = sql`null`) {
  return db
    .select({ ...historyColumns, sortKey: sql<string | null>`(${sortKey})::text` })
    .from(sessions)
    .innerJoin(conversations, eq(conversations.id, sessions.conversationId))
    .innerJoin(customers, eq(customers.id, conversations.customerId))
    .innerJoin(teams, eq(teams.id, sessions.teamId))
    .innerJoin(bots, eq(bots.id, conversations.botId))
    .leftJoin(users, eq(users.id, sessions.agentId))
    .leftJoin(routingRules, eq(routingRules.id, sessions.routingRuleId));
}

type HistoryRow = Awaited<ReturnType<ReturnType<typeof historyQuery>["execute"]>>[number];

/** Wait: (accepted, or ended unanswered, or now) − queued. Duration: (ended or now) − accepted, if accepted. */
export function presentReportSession(row: HistoryRow, nowMs: number): ReportSession {
  const queuedMs = row.queuedAt.getTime();
  const waitEndMs = row.acceptedAt?.getTime() ?? row.endedAt?.getTime() ?? nowMs;
  const durationMs = row.acceptedAt ? Math.max(0, (row.endedAt?.getTime() ?? nowMs) - row.acceptedAt.getTime()) : null;
  return {
    id: row.id,
    conversationId: row.conversationId,
    status: row.status as ReportSession["status"],
    endReason: row.endReason as ReportSession["endReason"],
    customer: { id: row.customerId, name: row.customerName, email: row.customerEmail },
    agent: row.agentId ? { id: row.agentId, name: row.agentName ?? "" } : null,
    team: { id: row.teamId, name: row.teamName },
    bot: { id: row.botId, name: row.botName },
    channel: { name: row.channelName, type: row.channelType },
    routingRule: row.ruleId ? { id: row.ruleId, name: row.ruleName ?? "" } : null,
    queuedAt: row.queuedAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    waitMs: Math.max(0, waitEndMs - queuedMs),
    durationMs,
    previousSessionId: row.previousSessionId,
    transferNote: row.transferNote,
  };
}

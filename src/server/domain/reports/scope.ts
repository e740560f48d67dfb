// What a report covers, as SQL: the organization's sessions queued within the range, narrowed by the
// filters. One definition for the table, the figures and the export, so they always agree.
import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import type { ReportFilters } from "../../../shared/reports";
import { conversations, sessions } from "../../db/schema";

export interface ReportScope {
  orgId: string;
  from: Date;
  to: Date;
  filters: ReportFilters;
}

/** The conditions on `sessions` and `conversations` (the bot and the channel live on the conversation). */
export function scopeCondition({ orgId, from, to, filters }: ReportScope): SQL {
  return and(
    eq(sessions.orgId, orgId),
    gte(sessions.queuedAt, from),
    lt(sessions.queuedAt, to),
    filters.teamId ? eq(sessions.teamId, filters.teamId) : undefined,
    filters.agentId ? eq(sessions.agentId, filters.agentId) : undefined,
    filters.status ? eq(sessions.status, filters.status) : undefined,
    filters.endReason ? eq(sessions.endReason, filters.endReason) : undefined,
    filters.channel ? eq(conversations.channelName, filters.channel) : undefined,
    filters.botId ? eq(conversations.botId, filters.botId) : undefined,
  ) as SQL;
}

/** Whether the scope reads the conversation: figures join it only then. */
export const scopeNeedsConversation = (filters: ReportFilters) => Boolean(filters.channel || filters.botId);

/** The filters without empty values, as stored with an export and echoed back. */
export function cleanFilters(filters: ReportFilters): ReportFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ""));
}

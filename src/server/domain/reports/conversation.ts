// One conversation of the history with all its legs, for the report's read-only transcript: who had it,
// in which team, how long it waited and lasted, and the note each transfer carried.
import { and, asc, eq } from "drizzle-orm";
import type { ConversationReport } from "../../../shared/reports";
import type { Db } from "../../db/client";
import { conversations, sessions } from "../../db/schema";
import { notFound } from "../errors";
import { historyQuery, presentReportSession } from "./history-row";

export async function loadConversationReport(
  db: Db,
  orgId: string,
  conversationId: string,
  now: Date,
): Promise<ConversationReport> {
  const [conversation] = await db
    .select({ createdAt: conversations.createdAt, endedAt: conversations.endedAt })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, conversationId)));
  if (!conversation) throw notFound("conversation");
  const rows = await historyQuery(db)
    .where(and(eq(sessions.orgId, orgId), eq(sessions.conversationId, conversationId)))
    .orderBy(asc(sessions.queuedAt), asc(sessions.id));
  const legs = rows.map((row) => presentReportSession(row, now.getTime()));
  const first = legs[0];
  if (!first) throw notFound("conversation");
  return {
    id: conversationId,
    customer: first.customer,
    bot: first.bot,
    channel: first.channel,
    createdAt: conversation.createdAt.toISOString(),
    endedAt: conversation.endedAt?.toISOString() ?? null,
    legs,
  };
}

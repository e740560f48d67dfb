// The conversation as its customer sees it in the chat widget: where the request stands, who is helping,
// and the messages — never the internal notes agents leave each other.
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { WidgetConversation } from "../../shared/widget";
import type { Db } from "../db/client";
import { conversations, customers, messages, sessions, users } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { DomainError, notFound } from "./errors";
import { presentMessage } from "./messages";
import { endSession } from "./sessions/end";

export async function widgetConversation(
  db: Db,
  conversationId: string,
): Promise<Omit<WidgetConversation, "serverTime" | "seq">> {
  const [conversation] = await db
    .select({ id: conversations.id, customerName: customers.name })
    .from(conversations)
    .innerJoin(customers, eq(customers.id, conversations.customerId))
    .where(eq(conversations.id, conversationId));
  if (!conversation) throw notFound("conversation");
  const [leg] = await db
    .select({
      status: sessions.status,
      queuedAt: sessions.queuedAt,
      acceptedAt: sessions.acceptedAt,
      agentName: users.name,
    })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.agentId))
    .where(eq(sessions.conversationId, conversationId))
    .orderBy(desc(sessions.queuedAt), desc(sessions.id))
    .limit(1);
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), ne(messages.author, "system")))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return {
    conversationId,
    customerName: conversation.customerName,
    status: leg.status as WidgetConversation["status"],
    queuedAt: leg.queuedAt.toISOString(),
    acceptedAt: leg.acceptedAt?.toISOString() ?? null,
    agentName: leg.status === "active" ? leg.agentName : null,
    messages: rows.map(presentMessage),
  };
}

/** The customer leaves: the conversation's live leg ends as `customer_left`. */
export async function endByCustomer(ctx: CommandContext, conversationId: string) {
  const [live] = await ctx.tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.conversationId, conversationId), ne(sessions.status, "ended")));
  if (!live) throw new DomainError("session_ended", "This conversation has already ended.");
  return endSession(ctx, live.id, { kind: "customer" }, "customer_left");
}

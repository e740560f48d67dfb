// Messages of a conversation. A send carries a client-generated id, so a retry after a reconnect is
// stored once and announced once.
import { randomUUID } from "node:crypto";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Message } from "../../shared/messages";
import type { Db } from "../db/client";
import { conversations, messages, sessions, teamMembers } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { type Actor, isSupervisor } from "./actor";
import { conflict, DomainError, forbidden, notFound } from "./errors";

type MessageRow = typeof messages.$inferSelect;

export function presentMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    sessionId: row.sessionId,
    author: row.author as Message["author"],
    agentId: row.agentId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function postMessage(
  ctx: CommandContext,
  conversationId: string,
  actor: Actor,
  input: { id?: string; body: string },
): Promise<{ message: Message; created: boolean }> {
  const { tx, orgId, now } = ctx;
  const [conversation] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, conversationId)));
  if (!conversation) throw notFound("conversation");
  if (input.id) {
    const [existing] = await tx.select().from(messages).where(eq(messages.id, input.id));
    if (existing) {
      if (existing.conversationId !== conversationId || existing.orgId !== orgId) {
        throw conflict("This message id is already used by another message.", "id");
      }
      return { message: presentMessage(existing), created: false };
    }
  }
  const [live] = await tx
    .select({ id: sessions.id, status: sessions.status, agentId: sessions.agentId })
    .from(sessions)
    .where(and(eq(sessions.conversationId, conversationId), ne(sessions.status, "ended")))
    .for("share");
  if (!live) throw new DomainError("session_ended", "This conversation has ended.");
  let author: "customer" | "agent";
  if (actor.kind === "customer") author = "customer";
  else if (actor.kind === "user" && live.status === "active" && live.agentId === actor.userId) author = "agent";
  else throw forbidden("Only the customer and the agent in this chat can write to it.");

  const [row] = await tx
    .insert(messages)
    .values({
      id: input.id ?? randomUUID(),
      orgId,
      conversationId,
      sessionId: live.id,
      author,
      agentId: author === "agent" && actor.kind === "user" ? actor.userId : null,
      body: input.body,
      createdAt: now,
    })
    .returning();
  const message = presentMessage(row);
  ctx.emit("message.created", { message });
  return { message, created: true };
}

/** The conversation, if it is this organization's; otherwise not found. */
export async function conversationOf(db: Db, orgId: string, conversationId: string) {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, conversationId)));
  if (!conversation) throw notFound("conversation");
  return conversation;
}

export async function listMessages(db: Db, orgId: string, conversationId: string, actor: Actor) {
  await conversationOf(db, orgId, conversationId);
  if (actor.kind === "user" && !isSupervisor(actor)) await assertAgentMayRead(db, conversationId, actor.userId);
  const rows = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.map(presentMessage);
}

/** An agent reads a conversation it has handled, or one queued for a team it is in. */
async function assertAgentMayRead(db: Db, conversationId: string, userId: string) {
  const legs = await db
    .select({ agentId: sessions.agentId, status: sessions.status, member: teamMembers.userId })
    .from(sessions)
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, sessions.teamId), eq(teamMembers.userId, userId)))
    .where(eq(sessions.conversationId, conversationId));
  const allowed = legs.some((leg) => leg.agentId === userId || (leg.status !== "ended" && leg.member === userId));
  if (!allowed) throw forbidden("You are not part of this conversation.");
}

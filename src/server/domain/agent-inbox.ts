// What a live agent works from: the queue of their teams and their own chats (PRODUCT.md, "Agent
// console"). A chat the customer ended stays in the list, marked, until the agent closes it.
import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import type { AgentSession } from "../../shared/agent-console";
import { compareLiveSessions } from "../../shared/live-order";
import type { EndReason } from "../../shared/sessions";
import type { Db, Tx } from "../db/client";
import { conversations, customers, sessions } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { teamsOf } from "./assignment";
import { DomainError, forbidden } from "./errors";
import { lockSession } from "./sessions/lock";
import { joinLiveNames, liveColumns, presentLiveSession } from "./sessions/present";

function agentSessionsQuery(db: Db | Tx) {
  const query = db
    .select({
      ...liveColumns,
      endedAt: sessions.endedAt,
      endReason: sessions.endReason,
      previousSessionId: sessions.previousSessionId,
      transferNote: sessions.transferNote,
      customerEmail: customers.email,
      attributes: conversations.attributes,
    })
    .from(sessions)
    .$dynamic();
  return joinLiveNames(query, sessions);
}

type AgentRow = Awaited<ReturnType<ReturnType<typeof agentSessionsQuery>["execute"]>>[number];

function presentAgentSession(row: AgentRow): AgentSession {
  const live = presentLiveSession({ ...row, status: row.status === "ended" ? "active" : row.status });
  return {
    ...live,
    status: row.status as AgentSession["status"],
    customerEmail: row.customerEmail,
    attributes: row.attributes,
    previousSessionId: row.previousSessionId,
    transferNote: row.transferNote,
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason as EndReason | null,
  };
}

export async function agentInbox(db: Db | Tx, orgId: string, agentId: string) {
  const teamIds = await teamsOf(db, agentId);
  const queued =
    teamIds.length === 0
      ? []
      : await agentSessionsQuery(db).where(
          and(eq(sessions.orgId, orgId), eq(sessions.status, "queued"), inArray(sessions.teamId, teamIds)),
        );
  const chats = await agentSessionsQuery(db).where(
    and(
      eq(sessions.orgId, orgId),
      eq(sessions.agentId, agentId),
      or(
        eq(sessions.status, "active"),
        and(eq(sessions.status, "ended"), eq(sessions.endedBy, "customer"), isNull(sessions.closedAt)),
      ),
    ),
  );
  const byOrder = (a: AgentSession, b: AgentSession) => compareLiveSessions(a as never, b as never);
  return {
    queued: queued.map(presentAgentSession).sort(byOrder),
    chats: chats.map(presentAgentSession).sort(byOrder),
    teamIds,
  };
}

/** The agent closes a chat the customer ended; it leaves their Active list. */
export async function closeSession(ctx: CommandContext, sessionId: string, agentId: string) {
  const session = await lockSession(ctx.tx, ctx.orgId, sessionId);
  if (session.agentId !== agentId) throw forbidden("Only the agent of this chat can close it.");
  if (session.status !== "ended")
    throw new DomainError("conflict", "End the chat first; closing is for chats that have ended.");
  if (session.closedAt) return;
  await ctx.tx.update(sessions).set({ closedAt: ctx.now }).where(eq(sessions.id, sessionId));
  ctx.emit("session.closed", { sessionId, conversationId: session.conversationId, agentId });
}

/** Whether this agent is the one chatting in the conversation now. */
export async function isAgentOfConversation(db: Db, conversationId: string, agentId: string) {
  const [live] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(eq(sessions.conversationId, conversationId), eq(sessions.agentId, agentId), ne(sessions.status, "ended")),
    );
  return live !== undefined;
}

/** Active conversation ids of the agent, and the customer-ended ones not closed yet. */
export async function conversationsOfAgent(db: Db | Tx, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ conversationId: sessions.conversationId })
    .from(sessions)
    .where(
      and(
        eq(sessions.agentId, agentId),
        or(
          eq(sessions.status, "active"),
          and(eq(sessions.status, "ended"), isNull(sessions.closedAt), eq(sessions.endedBy, "customer")),
        ),
      ),
    );
  return rows.map((r) => r.conversationId);
}

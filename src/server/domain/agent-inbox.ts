// What a live agent works from: the queue of their teams and their own chats (PRODUCT.md, "Agent
// console"). A chat the customer ended stays in the list, marked, until the agent closes it.
import { and, eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { AgentSession } from "../../shared/agent-console";
import { compareLiveSessions } from "../../shared/live-order";
import type { EndReason } from "../../shared/sessions";
import { type Db, rowsOf, type Tx } from "../db/client";
import { sessions } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { teamsOf } from "./assignment";
import { DomainError, forbidden } from "./errors";
import { lockSession } from "./sessions/lock";
import { isoOrNull, type LiveRow, presentLiveSession, selectLiveRows } from "./sessions/present";

/** What the agent console shows beside the Live Sessions row (`selectLiveRows`' `more`). */
const inboxColumns = sql`, s.ended_at as "endedAt", s.end_reason as "endReason",
  s.previous_session_id as "previousSessionId", s.transfer_note as "transferNote",
  customer.email as "customerEmail", conversation.attributes`;

interface AgentRow extends LiveRow {
  endedAt: string | null;
  endReason: string | null;
  previousSessionId: string | null;
  transferNote: string | null;
  customerEmail: string | null;
  attributes: Record<string, string>;
}

async function agentSessions(db: Db | Tx, where: SQL): Promise<AgentSession[]> {
  const result = await db.execute(sql`${selectLiveRows(sql`${sessions}`, inboxColumns)} where ${where}`);
  return rowsOf<AgentRow>(result).map(presentAgentSession).sort(byOrder);
}

function presentAgentSession(row: AgentRow): AgentSession {
  const live = presentLiveSession({ ...row, status: row.status === "ended" ? "active" : row.status });
  return {
    ...live,
    status: row.status as AgentSession["status"],
    customerEmail: row.customerEmail,
    attributes: row.attributes,
    previousSessionId: row.previousSessionId,
    transferNote: row.transferNote,
    endedAt: isoOrNull(row.endedAt),
    endReason: row.endReason as EndReason | null,
  };
}

const byOrder = (a: AgentSession, b: AgentSession) => compareLiveSessions(a as never, b as never);

export async function agentInbox(db: Db | Tx, orgId: string, agentId: string) {
  const teamIds = await teamsOf(db, agentId);
  const queued =
    teamIds.length === 0
      ? []
      : await agentSessions(
          db,
          sql`s.org_id = ${orgId} and s.status = 'queued'
            and s.team_id = any(array(select value::uuid from jsonb_array_elements_text(${JSON.stringify(teamIds)}::jsonb)))`,
        );
  // A chat the customer ended stays until the agent closes it.
  const chats = await agentSessions(
    db,
    sql`s.org_id = ${orgId} and s.agent_id = ${agentId} and (s.status = 'active'
      or (s.status = 'ended' and s.ended_by = 'customer' and s.closed_at is null))`,
  );
  return { queued, chats, teamIds };
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

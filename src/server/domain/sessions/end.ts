// End: from queued or active, by the agent in the chat, a supervisor, the customer (through the API) or
// the system. A transfer is not an end; it has its own command.
import { eq, type SQL, sql } from "drizzle-orm";
import type { EndReason, endedByKinds } from "../../../shared/sessions";
import { rowsOf } from "../../db/client";
import { conversations, sessions } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { type Actor, isSupervisor } from "../actor";
import { assignWaiting } from "../assignment";
import { forbidden } from "../errors";
import { assertLive, lockSession } from "./lock";
import { presentSession } from "./present";

export async function endSession(ctx: CommandContext, sessionId: string, actor: Actor, reason?: EndReason) {
  const { tx, orgId } = ctx;
  const endReason: EndReason =
    reason ?? (actor.kind === "customer" ? "customer_left" : actor.kind === "system" ? "timed_out" : "resolved");
  // The common case in one statement: the session ends only if it is live and the actor may end it. When
  // nothing ended, the session is read under a row lock and the rule it breaks is thrown.
  let ended = await ctx.lastStatement(endLive(ctx, sessionId, endReason, actor, mayEnd(actor)), Boolean);
  if (!ended) {
    const session = await lockSession(tx, orgId, sessionId);
    assertLive(session);
    assertMayEnd(actor, session);
    ended = await endLive(ctx, sessionId, endReason, actor, undefined);
  }
  if (!ended) throw new Error(`session ${sessionId} was locked and live, yet did not end`);
  ctx.emit("session.ended", {
    sessionId,
    conversationId: ended.conversationId,
    agentId: ended.agentId,
    reason: endReason,
    endedBy: ended.endedBy as (typeof endedByKinds)[number],
    endedAt: ctx.now.toISOString(),
  });
  // The agent has room for one more: the longest waiter of their teams may be assigned now.
  if (ended.acceptedAt && ended.agentId) assignWaiting(ctx, { agents: [ended.agentId] });
  return presentSession(ended);
}

/** Ends the session, if live and `allowed`, with its conversation, in one statement; undefined if it did not. */
async function endLive(
  ctx: CommandContext,
  sessionId: string,
  endReason: EndReason,
  actor: Actor,
  allowed: SQL | undefined,
) {
  const { tx, orgId, now } = ctx;
  const at = sql`${now.toISOString()}::timestamptz`;
  // The conversation ends with it; the statement returns the session as it now is.
  const result = await tx.execute(sql`
    with ended as (
      update ${sessions} set status = 'ended', ended_at = ${at}, end_reason = ${endReason}, ended_by = ${endedBySql(actor)}
      where org_id = ${orgId} and id = ${sessionId} and status <> 'ended' ${allowed ? sql`and ${allowed}` : sql``}
      returning *
    ), conversation as (
      update ${conversations} set ended_at = ${at} from ended where ${conversations.id} = ended.conversation_id
    )
    select id, conversation_id as "conversationId", team_id as "teamId", agent_id as "agentId",
      routing_rule_id as "routingRuleId", previous_session_id as "previousSessionId", transfer_note as "transferNote",
      status, queued_at as "queuedAt", accepted_at as "acceptedAt", ended_at as "endedAt", end_reason as "endReason",
      ended_by as "endedBy"
    from ended`);
  const [row] = rowsOf<Parameters<typeof presentSession>[0] & { endedBy: string }>(result);
  return row;
}

/** Who may end it, as a condition on the session: the agent in it or a supervisor; the customer; the system. */
function mayEnd(actor: Actor): SQL | undefined {
  if (actor.kind !== "user" || isSupervisor(actor)) return undefined;
  return eq(sessions.agentId, actor.userId);
}

/** Who ended it, from the session's own row: the agent in it, else a supervisor; the customer; the system. */
function endedBySql(actor: Actor): SQL {
  if (actor.kind !== "user") return sql`${actor.kind}`;
  return sql`case when ${sessions.agentId} = ${actor.userId} then 'agent' else 'supervisor' end`;
}

/** The rule `mayEnd` puts in SQL, for the error when the one-statement end changed nothing. */
function assertMayEnd(actor: Actor, session: typeof sessions.$inferSelect) {
  if (actor.kind !== "user" || session.agentId === actor.userId || isSupervisor(actor)) return;
  throw forbidden("Only the agent in this chat or a supervisor can end it.");
}

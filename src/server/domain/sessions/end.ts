// End: from queued or active, by the agent in the chat, a supervisor, the customer (through the API) or
// the system. A transfer is not an end; it has its own command.
import { eq } from "drizzle-orm";
import type { EndReason } from "../../../shared/sessions";
import { conversations, sessions } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { type Actor, isSupervisor } from "../actor";
import { assignWaiting } from "../assignment";
import { forbidden } from "../errors";
import { assertLive, lockSession } from "./lock";
import { presentSession } from "./present";

export async function endSession(ctx: CommandContext, sessionId: string, actor: Actor, reason?: EndReason) {
  const { tx, orgId, now } = ctx;
  const session = await lockSession(tx, orgId, sessionId);
  assertLive(session);
  const endedBy = endedByOf(actor, session);
  const endReason: EndReason =
    reason ?? (actor.kind === "customer" ? "customer_left" : actor.kind === "system" ? "timed_out" : "resolved");

  // The session and its conversation end together, in one statement.
  const conversationEnded = tx
    .$with("conversation_ended")
    .as(
      tx
        .update(conversations)
        .set({ endedAt: now })
        .where(eq(conversations.id, session.conversationId))
        .returning({ id: conversations.id }),
    );
  const [ended] = await tx
    .with(conversationEnded)
    .update(sessions)
    .set({ status: "ended", endedAt: now, endReason, endedBy })
    .where(eq(sessions.id, sessionId))
    .returning();
  ctx.emit("session.ended", {
    sessionId,
    conversationId: session.conversationId,
    agentId: session.agentId,
    reason: endReason,
    endedBy,
    endedAt: now.toISOString(),
  });
  // The agent has room for one more: the longest waiter of their teams may be assigned now.
  if (session.status === "active" && session.agentId) assignWaiting(ctx, { agents: [session.agentId] });
  return presentSession(ended);
}

function endedByOf(actor: Actor, session: typeof sessions.$inferSelect) {
  if (actor.kind === "customer") return "customer" as const;
  if (actor.kind === "system") return "system" as const;
  if (session.agentId === actor.userId) return "agent" as const;
  if (isSupervisor(actor)) return "supervisor" as const;
  throw forbidden("Only the agent in this chat or a supervisor can end it.");
}

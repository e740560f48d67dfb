// Transfer: the leg ends as `transferred` and a new queued leg of the same conversation opens in the
// target team with fresh timers and a link to the one before (PRODUCT.md, "Words"). The note reaches the
// next agent as a system message.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { messages, sessions, teamMembers, teams } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { type Actor, isSupervisor } from "../actor";
import { assignWaiting } from "../assignment";
import { forbidden, invalid, notFound } from "../errors";
import { assertLive, lockSession } from "./lock";
import { loadLiveSession, presentSession } from "./present";

export async function transferSession(
  ctx: CommandContext,
  sessionId: string,
  actor: Actor,
  target: { teamId: string; note?: string },
) {
  const { tx, orgId, now } = ctx;
  const session = await lockSession(tx, orgId, sessionId);
  assertLive(session);
  await assertMayTransfer(ctx, session, actor);
  const [team] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, target.teamId)));
  if (!team) throw notFound("team", "teamId");
  if (team.id === session.teamId) throw invalid("teamId", "The chat is already in this team; pick another team.");

  const note = target.note?.trim() || null;
  const [ended] = await tx
    .update(sessions)
    .set({
      status: "ended",
      endedAt: now,
      endReason: "transferred",
      endedBy:
        actor.kind === "user"
          ? isSupervisor(actor) && actor.userId !== session.agentId
            ? "supervisor"
            : "agent"
          : "system",
    })
    .where(eq(sessions.id, sessionId))
    .returning();
  const nextId = randomUUID();
  const [queued] = await tx
    .insert(sessions)
    .values({
      id: nextId,
      orgId,
      conversationId: session.conversationId,
      teamId: team.id,
      previousSessionId: session.id,
      transferNote: note,
      status: "queued",
      queuedAt: now,
    })
    .returning();
  const systemMessage = {
    id: randomUUID(),
    orgId,
    conversationId: session.conversationId,
    sessionId: nextId,
    author: "system",
    agentId: null,
    body: note ? `Transferred to ${team.name}: ${note}` : `Transferred to ${team.name}`,
    createdAt: now,
  };
  await tx.insert(messages).values(systemMessage);

  const next = await loadLiveSession(tx, nextId);
  ctx.emit("session.transferred", {
    sessionId,
    conversationId: session.conversationId,
    agentId: session.status === "active" ? session.agentId : null,
    endedAt: now.toISOString(),
    note,
    next,
  });
  ctx.emit("message.created", {
    message: { ...systemMessage, author: "system", createdAt: now.toISOString() },
  });
  const freedBy = session.status === "active" ? session.agentId : null;
  assignWaiting(ctx, { teams: [team.id], agents: freedBy ? [freedBy] : [] });
  return { ended: presentSession(ended), queued: presentSession(queued) };
}

async function assertMayTransfer(ctx: CommandContext, session: typeof sessions.$inferSelect, actor: Actor) {
  if (actor.kind !== "user") throw forbidden("Only people transfer chats.");
  if (isSupervisor(actor)) return;
  if (session.status === "active") {
    if (session.agentId !== actor.userId) throw forbidden("Only the agent in this chat can transfer it.");
    return;
  }
  const [member] = await ctx.tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, session.teamId), eq(teamMembers.userId, actor.userId)));
  if (!member) throw forbidden("This chat is queued for a team you are not in.");
}

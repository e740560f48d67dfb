// Accept: only a queued session, only by an online live agent of its team. Of two agents accepting at
// once exactly one wins; the other is told who has it (PRODUCT.md, "Agent console").
import { and, eq } from "drizzle-orm";
import { sessions, teamMembers, users } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { DomainError, forbidden } from "../errors";
import { agentName, assertLive, lockSession } from "./lock";
import { loadLiveSession, presentSession } from "./present";

export async function acceptSession(ctx: CommandContext, sessionId: string, agentId: string) {
  const { tx, orgId, now } = ctx;
  // The agent row is read under a share lock so a status change cannot slip between check and accept.
  const [agent] = await tx
    .select({ status: users.status, roles: users.roles })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, agentId)))
    .for("share");
  const session = await lockSession(tx, orgId, sessionId);
  assertLive(session);
  if (session.status === "active") {
    const holder = session.agentId === agentId ? "you" : await agentName(tx, session.agentId);
    throw new DomainError("already_taken", `This chat was already accepted by ${holder}.`);
  }
  if (!agent?.roles.includes("agent")) throw forbidden("Only a live agent can accept a chat.");
  if (agent.status !== "online") {
    throw new DomainError(
      "agent_not_online",
      "Only an online (Active) agent can accept a chat. Set your status to Active first.",
    );
  }
  const [membership] = await tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, session.teamId), eq(teamMembers.userId, agentId)));
  if (!membership) throw new DomainError("not_team_member", "This chat is queued for a team you are not in.");

  const [accepted] = await tx
    .update(sessions)
    .set({ status: "active", agentId, acceptedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.status, "queued")))
    .returning();
  ctx.emit("session.accepted", { session: await loadLiveSession(tx, sessionId) });
  return presentSession(accepted);
}

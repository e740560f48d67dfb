// Accept: only a queued session, only by an online live agent of its team. Of two agents accepting at
// once exactly one wins; the other is told who has it (PRODUCT.md, "Agent console").
import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import { sessions } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { holdOffAssignment } from "../assignment";
import { DomainError, forbidden, notFound } from "../errors";
import { agentName } from "./lock";
import { updateLiveSessions } from "./present";

interface AcceptCheck {
  status: string;
  end_reason: string | null;
  agent_id: string | null;
  holder_name: string | null;
  agent_status: string;
  agent_roles: string[];
  is_member: boolean;
}

export async function acceptSession(ctx: CommandContext, sessionId: string, agentId: string) {
  const { tx, orgId, now } = ctx;
  const accept = () =>
    updateLiveSessions(
      tx,
      sql`status = 'active', agent_id = ${agentId}, accepted_at = ${now.toISOString()}::timestamptz`,
      sql`org_id = ${orgId} and id = ${sessionId} and status = 'queued' and ${acceptableBy(ctx, agentId)}`,
    );
  // The common case in one statement: the session changes only if every rule holds, the agent's row held
  // under a share lock so a status change cannot slip between check and accept. Anything else is explained
  // by checkAccept, which holds the same locks and throws the rule that failed.
  let [accepted] = await ctx.lastStatement(accept(), (rows) => rows.length > 0);
  if (!accepted) {
    await checkAccept(ctx, sessionId, agentId);
    [accepted] = await accept();
    // The session and the agent are locked; only a membership removed meanwhile can still stand in the way.
    if (!accepted) throw notTeamMember();
  }
  ctx.emit("session.accepted", { session: accepted.live });
  holdOffAssignment(ctx);
  return accepted.session;
}

/** The agent is an online live agent of the organization and a member of the session's team. */
function acceptableBy(ctx: CommandContext, agentId: string) {
  // "sessions" spelled out: an unqualified team_id here would be team_members' own.
  return sql`exists (
    select 1 from users agent
    where agent.id = ${agentId} and agent.org_id = ${ctx.orgId} and agent.status = 'online'
      and 'agent' = any(agent.roles)
      and exists (select 1 from team_members m where m.team_id = "sessions"."team_id" and m.user_id = agent.id)
    for share of agent
  )`;
}

/** Throws the rule an accept broke; returns when none is broken (the session and agent then locked). */
async function checkAccept(ctx: CommandContext, sessionId: string, agentId: string) {
  const { tx, orgId } = ctx;
  const result = await tx.execute(sql`
    select s.status, s.end_reason, s.agent_id,
      (select name from users holder where holder.id = s.agent_id) as holder_name,
      agent.status as agent_status, agent.roles as agent_roles,
      exists (select 1 from team_members m where m.team_id = s.team_id and m.user_id = agent.id) as is_member
    from ${sessions} s, users agent
    where s.org_id = ${orgId} and s.id = ${sessionId} and agent.org_id = ${orgId} and agent.id = ${agentId}
    for update of s for share of agent
  `);
  const [found] = rowsOf<AcceptCheck>(result);
  if (!found) throw notFound("session");
  if (found.status === "ended") {
    throw new DomainError("session_ended", `This session has already ended (${found.end_reason}).`);
  }
  if (found.status === "active") {
    const holder = found.agent_id === agentId ? "you" : (found.holder_name ?? (await agentName(tx, found.agent_id)));
    throw new DomainError("already_taken", `This chat was already accepted by ${holder}.`);
  }
  if (!found.agent_roles.includes("agent")) throw forbidden("Only a live agent can accept a chat.");
  if (found.agent_status !== "online") {
    throw new DomainError(
      "agent_not_online",
      "Only an online (Active) agent can accept a chat. Set your status to Active first.",
    );
  }
  if (!found.is_member) throw notTeamMember();
}

const notTeamMember = () => new DomainError("not_team_member", "This chat is queued for a team you are not in.");

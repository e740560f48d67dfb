// Teams: one default per organization that cannot be deleted; agents in many teams; editing a team never
// disturbs chats in progress (PRODUCT.md, "Routing and assignment"). A deleted team is kept, marked, for
// the history that names it.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { routingRules, sessions, teamMembers, teams, users } from "../db/schema";
import type { CommandContext } from "../events/writer";
import type { Actor } from "./actor";
import { assignWaiting, holdOffAssignment } from "./assignment";
import { recordAudit } from "./audit";
import { conflict, DomainError, invalid, notFound } from "./errors";
import { forgetOrgConfig } from "./org-config";

export async function listTeams(db: Db | Tx, orgId: string, onlyTeamId?: string) {
  const rows = await db
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), isNull(teams.deletedAt), onlyTeamId ? eq(teams.id, onlyTeamId) : undefined))
    .orderBy(teams.name);
  const members = await db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), onlyTeamId ? eq(teamMembers.teamId, onlyTeamId) : undefined));
  const loads = await db
    .select({ teamId: sessions.teamId, status: sessions.status, count: sql<number>`count(*)::int` })
    .from(sessions)
    .where(
      and(
        eq(sessions.orgId, orgId),
        ne(sessions.status, "ended"),
        onlyTeamId ? eq(sessions.teamId, onlyTeamId) : undefined,
      ),
    )
    .groupBy(sessions.teamId, sessions.status);
  const load = (teamId: string, status: string) =>
    loads.find((l) => l.teamId === teamId && l.status === status)?.count ?? 0;
  return rows.map((team) => ({
    id: team.id,
    name: team.name,
    description: team.description,
    isDefault: team.isDefault,
    memberIds: members.filter((m) => m.teamId === team.id).map((m) => m.userId),
    queued: load(team.id, "queued"),
    active: load(team.id, "active"),
  }));
}

async function presentTeam(tx: Tx, orgId: string, teamId: string) {
  const [team] = await listTeams(tx, orgId, teamId);
  if (!team) throw notFound("team");
  return team;
}

async function lockTeam(tx: Tx, orgId: string, teamId: string) {
  const [team] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.deletedAt)))
    .for("update");
  if (!team) throw notFound("team");
  return team;
}

async function assertNameFree(tx: Tx, orgId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        eq(teams.orgId, orgId),
        isNull(teams.deletedAt),
        sql`lower(${teams.name}) = lower(${name})`,
        exceptId ? ne(teams.id, exceptId) : undefined,
      ),
    );
  if (taken) throw conflict("A team with this name already exists.", "name");
}

const snapshot = (t: { name: string; description: string; isDefault: boolean }) => ({
  name: t.name,
  description: t.description,
  isDefault: t.isDefault,
});

export async function createTeam(ctx: CommandContext, input: { name: string; description: string }, actor: Actor) {
  await assertNameFree(ctx.tx, ctx.orgId, input.name);
  const id = randomUUID();
  await ctx.tx
    .insert(teams)
    .values({ id, orgId: ctx.orgId, name: input.name, description: input.description, createdAt: ctx.now });
  const team = await presentTeam(ctx.tx, ctx.orgId, id);
  ctx.emit("team.changed", { team });
  forgetOrgConfig(ctx);
  await recordAudit(ctx, actor, {
    kind: "team",
    action: "created",
    subjectId: id,
    summary: `Team ${team.name} created`,
    after: snapshot(team),
  });
  return team;
}

export async function updateTeam(
  ctx: CommandContext,
  teamId: string,
  patch: { name?: string; description?: string; isDefault?: true },
  actor: Actor,
) {
  const { tx, orgId } = ctx;
  const current = await lockTeam(tx, orgId, teamId);
  if (patch.name !== undefined) await assertNameFree(tx, orgId, patch.name, teamId);
  if (patch.isDefault && !current.isDefault) {
    const [previous] = await tx
      .update(teams)
      .set({ isDefault: false })
      .where(and(eq(teams.orgId, orgId), eq(teams.isDefault, true)))
      .returning({ id: teams.id });
    if (previous) ctx.emit("team.changed", { team: await presentTeam(tx, orgId, previous.id) });
  }
  await tx
    .update(teams)
    .set({
      name: patch.name ?? current.name,
      description: patch.description ?? current.description,
      isDefault: current.isDefault || patch.isDefault === true,
    })
    .where(eq(teams.id, teamId));
  const team = await presentTeam(tx, orgId, teamId);
  ctx.emit("team.changed", { team });
  forgetOrgConfig(ctx);
  await recordAudit(ctx, actor, {
    kind: "team",
    action: "updated",
    subjectId: teamId,
    summary: team.name === current.name ? `Team ${team.name} updated` : `Team ${current.name} renamed to ${team.name}`,
    before: snapshot(current),
    after: snapshot(team),
  });
  return team;
}

export async function deleteTeam(ctx: CommandContext, teamId: string, actor: Actor) {
  const { tx, orgId } = ctx;
  const team = await lockTeam(tx, orgId, teamId);
  if (team.isDefault) throw conflict("The default team cannot be deleted; make another team the default first.");
  const [{ live }] = await tx
    .select({ live: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.teamId, teamId), ne(sessions.status, "ended")));
  if (live > 0) {
    throw conflict(
      `This team has ${live} queued or active session${live === 1 ? "" : "s"}; it can be deleted once they end.`,
    );
  }
  const [{ rules }] = await tx
    .select({ rules: sql<number>`count(*)::int` })
    .from(routingRules)
    .where(and(eq(routingRules.teamId, teamId), isNull(routingRules.deletedAt)));
  if (rules > 0) {
    throw conflict(
      `${rules} routing rule${rules === 1 ? " sends" : "s send"} requests to this team; change or delete them first.`,
    );
  }
  await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  await tx.update(teams).set({ deletedAt: ctx.now }).where(eq(teams.id, teamId));
  ctx.emit("team.deleted", { teamId });
  forgetOrgConfig(ctx);
  await recordAudit(ctx, actor, {
    kind: "team",
    action: "deleted",
    subjectId: teamId,
    summary: `Team ${team.name} deleted`,
    before: snapshot(team),
  });
}

export async function addTeamMember(ctx: CommandContext, teamId: string, userId: string, actor: Actor) {
  const { tx, orgId } = ctx;
  const current = await lockTeam(tx, orgId, teamId);
  const [agent] = await tx
    .select({ roles: users.roles, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  if (!agent) throw notFound("user", "userId");
  if (!agent.roles.includes("agent")) throw invalid("userId", "Only live agents can be team members.");
  const added = await tx.insert(teamMembers).values({ teamId, userId, orgId }).onConflictDoNothing().returning();
  const team = await presentTeam(tx, orgId, teamId);
  if (added.length === 0) return team;
  ctx.emit("team.changed", { team });
  await recordAudit(ctx, actor, {
    kind: "membership",
    action: "created",
    subjectId: teamId,
    summary: `${agent.name} added to ${current.name}`,
    after: { teamId, userId },
  });
  // A new member is new capacity for the team's queue.
  assignWaiting(ctx, { teams: [teamId] });
  return team;
}

export async function removeTeamMember(ctx: CommandContext, teamId: string, userId: string, actor: Actor) {
  const { tx, orgId } = ctx;
  const current = await lockTeam(tx, orgId, teamId);
  const removed = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ userId: teamMembers.userId });
  if (removed.length === 0) throw notFound("team member", "userId");
  const [agent] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  const team = await presentTeam(tx, orgId, teamId);
  ctx.emit("team.changed", { team });
  holdOffAssignment(ctx);
  await recordAudit(ctx, actor, {
    kind: "membership",
    action: "deleted",
    subjectId: teamId,
    summary: `${agent?.name ?? "An agent"} removed from ${current.name}`,
    before: { teamId, userId },
  });
  return team;
}

export async function assertTeamsExist(tx: Tx, orgId: string, teamIds: string[], field: string) {
  if (teamIds.length === 0) return;
  const found = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), isNull(teams.deletedAt), inArray(teams.id, teamIds)));
  if (found.length !== new Set(teamIds).size) throw new DomainError("not_found", "team not found", field);
}

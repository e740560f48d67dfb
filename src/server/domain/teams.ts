// Teams: one default per organization that cannot be deleted; agents in many teams; editing a team never
// disturbs chats in progress (PRODUCT.md, "Routing and assignment").
import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { routingRules, sessions, teamMembers, teams, users } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { conflict, DomainError, invalid, notFound } from "./errors";

export async function listTeams(db: Db | Tx, orgId: string) {
  const rows = await db.select().from(teams).where(eq(teams.orgId, orgId)).orderBy(teams.name);
  const members = await db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.orgId, orgId));
  return rows.map((team) => ({
    id: team.id,
    name: team.name,
    description: team.description,
    isDefault: team.isDefault,
    memberIds: members.filter((m) => m.teamId === team.id).map((m) => m.userId),
  }));
}

async function presentTeam(tx: Tx, orgId: string, teamId: string) {
  const team = (await listTeams(tx, orgId)).find((t) => t.id === teamId);
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
        sql`lower(${teams.name}) = lower(${name})`,
        exceptId ? ne(teams.id, exceptId) : undefined,
      ),
    );
  if (taken) throw conflict("A team with this name already exists.", "name");
}

export async function createTeam(ctx: CommandContext, input: { name: string; description: string }) {
  await assertNameFree(ctx.tx, ctx.orgId, input.name);
  const id = randomUUID();
  await ctx.tx
    .insert(teams)
    .values({ id, orgId: ctx.orgId, name: input.name, description: input.description, createdAt: ctx.now });
  const team = await presentTeam(ctx.tx, ctx.orgId, id);
  ctx.emit("team.changed", { team });
  return team;
}

export async function updateTeam(
  ctx: CommandContext,
  teamId: string,
  patch: { name?: string; description?: string; isDefault?: true },
) {
  const { tx, orgId } = ctx;
  const [current] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)))
    .for("update");
  if (!current) throw notFound("team");
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
  return team;
}

export async function deleteTeam(ctx: CommandContext, teamId: string) {
  const { tx, orgId } = ctx;
  const [team] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)))
    .for("update");
  if (!team) throw notFound("team");
  if (team.isDefault) throw conflict("The default team cannot be deleted; make another team the default first.");
  const [{ live }] = await tx
    .select({ live: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.teamId, teamId), ne(sessions.status, "ended")));
  if (live > 0)
    throw conflict(
      `This team has ${live} queued or active session${live === 1 ? "" : "s"}; it can be deleted once they end.`,
    );
  const [{ rules }] = await tx
    .select({ rules: sql<number>`count(*)::int` })
    .from(routingRules)
    .where(eq(routingRules.teamId, teamId));
  if (rules > 0)
    throw conflict(
      `${rules} routing rule${rules === 1 ? " sends" : "s send"} requests to this team; change or delete them first.`,
    );
  const [{ history }] = await tx
    .select({ history: sql<number>`count(*)::int` })
    .from(sessions)
    .where(eq(sessions.teamId, teamId));
  if (history > 0) throw conflict("This team has handled chats that reports still refer to; rename it instead.");
  await tx.delete(teams).where(eq(teams.id, teamId));
  ctx.emit("team.deleted", { teamId });
}

export async function addTeamMember(ctx: CommandContext, teamId: string, userId: string) {
  const { tx, orgId } = ctx;
  await presentTeam(tx, orgId, teamId);
  const [agent] = await tx
    .select({ roles: users.roles })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  if (!agent) throw notFound("user", "userId");
  if (!agent.roles.includes("agent")) throw invalid("userId", "Only live agents can be team members.");
  await tx.insert(teamMembers).values({ teamId, userId, orgId }).onConflictDoNothing();
  const team = await presentTeam(tx, orgId, teamId);
  ctx.emit("team.changed", { team });
  return team;
}

export async function removeTeamMember(ctx: CommandContext, teamId: string, userId: string) {
  const { tx, orgId } = ctx;
  await presentTeam(tx, orgId, teamId);
  const removed = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ userId: teamMembers.userId });
  if (removed.length === 0) throw notFound("team member", "userId");
  const team = await presentTeam(tx, orgId, teamId);
  ctx.emit("team.changed", { team });
  return team;
}

export async function assertTeamsExist(tx: Tx, orgId: string, teamIds: string[], field: string) {
  if (teamIds.length === 0) return;
  const found = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), inArray(teams.id, teamIds)));
  if (found.length !== new Set(teamIds).size) throw new DomainError("not_found", "team not found", field);
}

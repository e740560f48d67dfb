// People of an organization and the live agent status they carry.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Agent, AgentStatus, Role, User } from "../../shared/people";
import type { Db } from "../db/client";
import { sessions, teamMembers, teams, users } from "../db/schema";
import type { CommandContext } from "../events/writer";
import type { Actor } from "./actor";
import { assignWaiting, holdOffAssignment } from "./assignment";
import { recordAudit } from "./audit";
import { conflict, invalid, notFound } from "./errors";
import { hashPassword } from "./passwords";
import { assertTeamsExist } from "./teams";

type UserRow = typeof users.$inferSelect;

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    orgId: row.orgId,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    status: row.status as AgentStatus,
    statusChangedAt: row.statusChangedAt.toISOString(),
    onlineSince: row.onlineSince?.toISOString() ?? null,
  };
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roles: Role[];
  teamIds?: string[];
}

/** Hashing is slow on purpose, so it happens before the command takes any lock. */
export async function prepareUser(input: NewUser) {
  return { ...input, passwordHash: await hashPassword(input.password) };
}

export async function createUser(ctx: CommandContext, input: Awaited<ReturnType<typeof prepareUser>>) {
  const { tx, orgId, now } = ctx;
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${input.email})`);
  if (taken) throw conflict("A user with this email already exists.", "email");
  const teamIds = [...new Set(input.teamIds ?? [])];
  await assertTeamsExist(tx, orgId, teamIds, "teamIds");
  const [row] = await tx
    .insert(users)
    .values({
      id: randomUUID(),
      orgId,
      email: input.email,
      name: input.name,
      passwordHash: input.passwordHash,
      roles: input.roles,
      statusChangedAt: now,
      createdAt: now,
    })
    .returning();
  if (teamIds.length > 0) {
    await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId: row.id, orgId })));
  }
  ctx.emit("user.changed", { user: presentUser(row) });
  return presentUser(row);
}

export async function updateUser(ctx: CommandContext, userId: string, patch: { name?: string; roles?: Role[] }) {
  const [row] = await ctx.tx
    .update(users)
    .set(patch)
    .where(and(eq(users.orgId, ctx.orgId), eq(users.id, userId)))
    .returning();
  if (!row) throw notFound("user");
  ctx.emit("user.changed", { user: presentUser(row) });
  return presentUser(row);
}

/** Online since when: kept while an agent stays online, so "online longest" means something. */
export async function setAgentStatus(ctx: CommandContext, userId: string, status: AgentStatus, actor: Actor) {
  const changedBy = actor.kind === "user" ? actor.userId : null;
  const { tx, orgId, now } = ctx;
  const [current] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .for("update");
  if (!current) throw notFound("agent");
  if (!current.roles.includes("agent")) throw invalid("status", "Only live agents have a status.");
  if (current.status === status) return presentUser(current);
  const [row] = await tx
    .update(users)
    .set({ status, statusChangedAt: now, onlineSince: status === "online" ? now : null })
    .where(eq(users.id, userId))
    .returning();
  ctx.emit("agent.status_changed", {
    agent: {
      id: row.id,
      name: row.name,
      status,
      statusChangedAt: now.toISOString(),
      onlineSince: row.onlineSince?.toISOString() ?? null,
    },
    changedBy: changedBy === userId ? null : changedBy,
  });
  if (changedBy !== userId) {
    await recordAudit(ctx, actor, {
      kind: "agent_status",
      action: "updated",
      subjectId: userId,
      summary: `${row.name}: ${current.status} → ${status}`,
      before: { status: current.status },
      after: { status },
    });
  }
  // Coming online makes room; going away must not meet a pass that read the agent online (assignment.ts).
  if (status === "online") assignWaiting(ctx, { agents: [userId] });
  else holdOffAssignment(ctx);
  return presentUser(row);
}

export async function getUser(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  if (!row) throw notFound("user");
  return presentUser(row);
}

/** Live agents with their teams and how many chats each has now. */
export async function listAgents(db: Db, orgId: string): Promise<Agent[]> {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`'agent' = any(${users.roles})`));
  const memberships = await db
    .select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.orgId, orgId));
  const loads = await db
    .select({ agentId: sessions.agentId, count: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.orgId, orgId), eq(sessions.status, "active")))
    .groupBy(sessions.agentId);
  const loadOf = new Map(loads.map((l) => [l.agentId, l.count]));
  return rows.map((row) => ({
    ...presentUser(row),
    teams: memberships.filter((m) => m.userId === row.id).map(({ id, name }) => ({ id, name })),
    activeChats: loadOf.get(row.id) ?? 0,
  }));
}

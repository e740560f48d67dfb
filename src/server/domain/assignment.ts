// Automatic assignment (PRODUCT.md, "Routing and assignment"): with auto-accept on, queued requests go to
// an eligible agent — online, in the team, below the limit — longest waiter first, in the transaction that
// made the demand (a hand-off) or the capacity (a chat ended or transferred, an agent online, a new member,
// a higher limit).
//
// Never over the limit, never to two agents, also with several server processes: every assignment decision
// of an organization holds one transaction-scoped advisory lock, and the chosen agent's row is locked
// before its load is counted, so a manual accept (which share-locks the agent) cannot slip in between.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Settings } from "../../shared/settings";
import type { Db, Tx } from "../db/client";
import { sessions, teamMembers, teams, users } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { loadLiveSession } from "./sessions/present";
import { getSettings } from "./settings";

export interface Candidate {
  id: string;
  onlineSince: Date | null;
  lastAssignedAt: Date | null;
  load: number;
}

const time = (d: Date | null) => d?.getTime() ?? Number.NEGATIVE_INFINITY;

/**
 * Who gets the next chat. Round-robin: the agent online longest, then the least loaded, ties to the agent
 * assigned least recently. Without it: the least loaded, then assigned least recently, then online longest.
 */
export function rankCandidates(candidates: readonly Candidate[], roundRobin: boolean): Candidate[] {
  const byOnline = (a: Candidate, b: Candidate) => time(a.onlineSince) - time(b.onlineSince);
  const byLoad = (a: Candidate, b: Candidate) => a.load - b.load;
  const byLastAssigned = (a: Candidate, b: Candidate) => time(a.lastAssignedAt) - time(b.lastAssignedAt);
  const order = roundRobin ? [byOnline, byLoad, byLastAssigned] : [byLoad, byLastAssigned, byOnline];
  return [...candidates].sort((a, b) => {
    for (const compare of order) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return a.id < b.id ? -1 : 1;
  });
}

async function lockAssignment(tx: Tx, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`assign:${orgId}`}, 0))`);
}

async function activeLoad(tx: Tx, agentIds: string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await tx
    .select({ agentId: sessions.agentId, load: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.status, "active"), inArray(sessions.agentId, agentIds)))
    .groupBy(sessions.agentId);
  return new Map(rows.map((r) => [r.agentId as string, r.load]));
}

type TeamsToAssign = readonly string[] | ((tx: Tx) => Promise<string[]>);
const PENDING = "assignment:teams";

/**
 * Asks for the longest waiters of these teams to be assigned while eligible agents have room. The work
 * runs once per transaction, after all of its commands and just before COMMIT (see the writer), so a batch
 * of hand-offs takes the organization's assignment lock once, briefly, and assigns in one pass. The teams
 * may be given as a lookup, run only when auto-accept is on.
 */
export function assignWaiting(ctx: CommandContext, teams: TeamsToAssign, known?: Settings) {
  let pending = ctx.shared.get(PENDING) as TeamsToAssign[] | undefined;
  if (!pending) {
    pending = [];
    ctx.shared.set(PENDING, pending);
  }
  pending.push(teams);
  ctx.beforeCommit("assignment", async (batch) => {
    const settings = known ?? (await getSettings(batch.tx, batch.orgId));
    if (!settings.autoAccept) return;
    const teamIds = new Set<string>();
    for (const entry of pending)
      for (const id of typeof entry === "function" ? await entry(batch.tx) : entry) teamIds.add(id);
    if (teamIds.size === 0) return;
    await lockAssignment(batch.tx, batch.orgId);
    for (const teamId of [...teamIds].sort()) await assignTeam(batch, teamId, settings);
  });
}

/** Every team of the organization: after the limit is raised or auto-accept switched on. */
export async function assignEverywhere(ctx: CommandContext, settings: Settings) {
  const rows = await ctx.tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, ctx.orgId), isNull(teams.deletedAt)));
  assignWaiting(
    ctx,
    rows.map((r) => r.id),
    settings,
  );
}

/** The teams an agent is in: where capacity appears when that agent frees up or comes online. */
export async function teamsOf(tx: Db | Tx, agentId: string): Promise<string[]> {
  const rows = await tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, agentId));
  return rows.map((r) => r.teamId);
}

async function assignTeam(ctx: CommandContext, teamId: string, settings: Settings) {
  const { tx, now } = ctx;
  const members = await tx
    .select({ id: users.id, onlineSince: users.onlineSince, lastAssignedAt: users.lastAssignedAt })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.status, "online")));
  if (members.length === 0) return;
  const loads = await activeLoad(
    tx,
    members.map((m) => m.id),
  );
  let candidates: Candidate[] = members
    .map((m) => ({ ...m, load: loads.get(m.id) ?? 0 }))
    .filter((c) => c.load < settings.maxChatsPerAgent);

  while (candidates.length > 0) {
    const [waiting] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.teamId, teamId), eq(sessions.status, "queued")))
      .orderBy(asc(sessions.queuedAt), asc(sessions.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!waiting) return;
    const chosen = await lockFirstWithRoom(
      tx,
      rankCandidates(candidates, settings.roundRobin),
      settings.maxChatsPerAgent,
    );
    if (!chosen) return;
    await tx
      .update(sessions)
      .set({ status: "active", agentId: chosen.id, acceptedAt: now })
      .where(eq(sessions.id, waiting.id));
    await tx.update(users).set({ lastAssignedAt: now }).where(eq(users.id, chosen.id));
    ctx.emit("session.accepted", { session: await loadLiveSession(tx, waiting.id), assigned: true });
    candidates = candidates
      .map((c) => (c.id === chosen.id ? { ...c, load: chosen.load + 1, lastAssignedAt: now } : c))
      .filter((c) => c.load < settings.maxChatsPerAgent);
  }
}

/** Locks candidates in rank order and recounts each one's load under the lock; the first with room wins. */
async function lockFirstWithRoom(tx: Tx, ranked: Candidate[], limit: number): Promise<Candidate | null> {
  for (const candidate of ranked) {
    const [locked] = await tx
      .select({ status: users.status })
      .from(users)
      .where(eq(users.id, candidate.id))
      .for("update");
    if (locked?.status !== "online") continue;
    const load = (await activeLoad(tx, [candidate.id])).get(candidate.id) ?? 0;
    if (load < limit) return { ...candidate, load };
  }
  return null;
}

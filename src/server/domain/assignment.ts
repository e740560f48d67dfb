// Automatic assignment (PRODUCT.md, "Routing and assignment"): with auto-accept on, queued requests go to
// an eligible agent — online, in the team, below the limit — longest waiter first, in the transaction that
// made the demand (a hand-off) or the capacity (a chat ended or transferred, an agent online, a new member,
// a higher limit).
//
// Never over the limit, never to two agents, also with several server processes: every assignment pass
// of an organization holds one transaction-scoped advisory lock, waiting requests are taken with
// `FOR UPDATE SKIP LOCKED`, and the chosen agents' rows are locked before their loads are counted again,
// so a manual accept (which share-locks the agent) cannot slip in between.
//
// A pass is set-based: whatever a transaction's commands asked for (teams with a new request, agents with
// room), it reads candidates and waiters once, decides in memory, and writes every assignment in one
// statement: a handful of statements per transaction, however many hand-offs it holds.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { LiveSession } from "../../shared/sessions";
import type { Db, Tx } from "../db/client";
import { sessions, teamMembers, users } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { orgConfig } from "./org-config";
import { updateLiveSessions } from "./sessions/present";

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

/** Where capacity or demand appeared: teams with a new request, agents who have room or came online. */
export interface Demand {
  teams?: readonly string[];
  agents?: readonly string[];
  /** Every team: the limit was raised or auto-accept switched on. */
  everywhere?: boolean;
}

const PENDING = "assignment:demand";

/**
 * Asks for the longest waiters where demand or capacity appeared to be assigned while eligible agents have
 * room. The pass runs once per transaction, after all of its commands and just before COMMIT (see the
 * writer), and only with auto-accept on.
 */
export function assignWaiting(ctx: CommandContext, demand: Demand) {
  let pending = ctx.shared.get(PENDING) as Required<Demand> | undefined;
  if (!pending) {
    pending = { teams: [], agents: [], everywhere: false };
    ctx.shared.set(PENDING, pending);
  }
  pending.teams = [...pending.teams, ...(demand.teams ?? [])];
  pending.agents = [...pending.agents, ...(demand.agents ?? [])];
  pending.everywhere ||= demand.everywhere === true;
  const asked = pending;
  ctx.beforeCommit("assignment", (batch) => assignmentPass(batch, asked));
}

/** The teams an agent is in: the agent inbox's queue. */
export async function teamsOf(tx: Db | Tx, agentId: string): Promise<string[]> {
  const rows = await tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, agentId));
  return rows.map((r) => r.teamId);
}

interface Member extends Candidate {
  teamId: string;
}

async function assignmentPass(ctx: CommandContext, demand: Required<Demand>) {
  const { settings } = await orgConfig(ctx);
  if (!settings.autoAccept) return;
  const { tx, orgId, now } = ctx;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`assign:${orgId}`}, 0))`);

  // Online members of the teams concerned, with their loads, read after the lock: no other pass runs now.
  const agentTeams = tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(inArray(teamMembers.userId, [...demand.agents]));
  const members: Member[] = await tx
    .select({
      teamId: teamMembers.teamId,
      id: users.id,
      onlineSince: users.onlineSince,
      lastAssignedAt: users.lastAssignedAt,
      load: activeLoad,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(
      and(
        eq(teamMembers.orgId, orgId),
        eq(users.status, "online"),
        demand.everywhere
          ? undefined
          : sql`(${inArray(teamMembers.teamId, [...demand.teams])} or ${teamMembers.teamId} in ${agentTeams})`,
      ),
    );
  const limit = settings.maxChatsPerAgent;
  const agents = new Map(members.map((m) => [m.id, { ...m } as Candidate]));
  const roomIn = new Map<string, number>();
  for (const m of members) roomIn.set(m.teamId, (roomIn.get(m.teamId) ?? 0) + Math.max(0, limit - m.load));
  const teamsWithRoom = [...roomIn].filter(([, room]) => room > 0);
  if (teamsWithRoom.length === 0) return;

  // The longest waiters of each team, as many as it has room for; a request another transaction is
  // handling (accepting, ending) is skipped, not waited for.
  const waitingResult = await tx.execute(sql`
    select w.id, w.team_id from jsonb_to_recordset(${JSON.stringify(teamsWithRoom.map(([id, room]) => ({ id, room })))}::jsonb)
      as t(id uuid, room int)
    cross join lateral (
      select id, team_id, queued_at from ${sessions}
      where team_id = t.id and status = 'queued'
      order by queued_at, id limit t.room
      for update skip locked
    ) w
    order by w.queued_at, w.id
  `);
  const waiting = (waitingResult as unknown as { rows: { id: string; team_id: string }[] }).rows;
  if (waiting.length === 0) return;

  const membersOf = new Map<string, string[]>();
  for (const m of members) membersOf.set(m.teamId, [...(membersOf.get(m.teamId) ?? []), m.id]);
  const locked = new Set<string>();
  let plan = decide(waiting, membersOf, agents, limit, settings.roundRobin, now);
  // Lock the chosen agents and count their loads again: a manual accept may have committed since the read.
  for (;;) {
    const toLock = [...new Set(plan.map((a) => a.agentId))].filter((id) => !locked.has(id)).sort();
    if (toLock.length === 0) break;
    await tx.select({ id: users.id }).from(users).where(inArray(users.id, toLock)).orderBy(users.id).for("update");
    for (const id of toLock) locked.add(id);
    const fresh = await tx
      .select({ id: users.id, online: sql<boolean>`${users.status} = 'online'`, load: activeLoad })
      .from(users)
      .where(inArray(users.id, toLock));
    let changed = false;
    for (const row of fresh) {
      const agent = agents.get(row.id) as Candidate;
      if (!row.online) {
        agents.delete(row.id);
        changed = true;
      } else if (row.load !== agent.load) {
        agent.load = row.load;
        changed = true;
      }
    }
    if (!changed) break;
    plan = decide(waiting, membersOf, agents, limit, settings.roundRobin, now);
  }
  if (plan.length === 0) return;

  const rows = await updateLiveSessions(
    tx,
    {
      status: "active",
      agentId: sql`(${JSON.stringify(Object.fromEntries(plan.map((a) => [a.sessionId, a.agentId])))}::jsonb ->> ${sessions.id}::text)::uuid`,
      acceptedAt: now,
    },
    inArray(
      sessions.id,
      plan.map((a) => a.sessionId),
    ),
  );
  await tx
    .update(users)
    .set({ lastAssignedAt: now })
    .where(inArray(users.id, [...new Set(plan.map((a) => a.agentId))]));
  const bySession = new Map<string, LiveSession>(rows.map((r) => [r.live.id, r.live]));
  for (const a of plan)
    ctx.emit("session.accepted", { session: bySession.get(a.sessionId) as LiveSession, assigned: true });
}

/**
 * An agent's active chats, counted from the sessions (an index serves it). Written out in full: Drizzle
 * leaves column names unqualified in a query over one table, which would bind them to the inner table.
 */
const activeLoad = sql<number>`(select count(*)::int from sessions active where active.agent_id = users.id and active.status = 'active')`;

/** Who gets which waiter, longest waiter first, never over the limit; works on copies of the agents. */
function decide(
  waiting: { id: string; team_id: string }[],
  membersOf: Map<string, string[]>,
  agents: Map<string, Candidate>,
  limit: number,
  roundRobin: boolean,
  now: Date,
) {
  const state = new Map([...agents].map(([id, a]) => [id, { ...a }]));
  const plan: { sessionId: string; agentId: string }[] = [];
  for (const session of waiting) {
    const eligible = (membersOf.get(session.team_id) ?? [])
      .map((id) => state.get(id))
      .filter((a): a is Candidate => a !== undefined && a.load < limit);
    const [chosen] = rankCandidates(eligible, roundRobin);
    if (!chosen) continue;
    chosen.load++;
    chosen.lastAssignedAt = now;
    plan.push({ sessionId: session.id, agentId: chosen.id });
  }
  return plan;
}

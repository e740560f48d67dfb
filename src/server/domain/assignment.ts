// Automatic assignment (PRODUCT.md, "Routing and assignment"): with auto-accept on, queued requests go to
// an eligible agent — online, in the team, below the limit — longest waiter first, in the transaction that
// made the demand (a hand-off) or the capacity (a chat ended or transferred, an agent online, a new member,
// a higher limit).
//
// Never over the limit, never to two agents, also with several server processes: an assignment pass holds
// the organization's assignment lock (a transaction-scoped advisory lock) exclusively and takes waiting
// requests with `FOR UPDATE SKIP LOCKED`. Whatever else changes an agent's load or eligibility — a manual
// accept, a status change, a membership removed, a lower limit — holds the same lock shared until it
// commits, so a pass either sees it committed or commits before it: in the event log no pass ever counts
// a load that was already out of date.
//
// Each transaction asks for that lock once, in one mode, just before COMMIT (see the writer): after every
// row lock it takes. A pass in turn waits for no row: it skips locked requests and stamps only rows that
// passes alone write (assignment_marks). So no cycle of waits can run through the lock.
//
// A pass is set-based: whatever a transaction's commands asked for (teams with a new request, agents with
// room), it reads candidates and waiters in one statement, decides in memory, and writes every assignment
// in one more: three statements per transaction, however many hand-offs it holds.
import { eq, sql } from "drizzle-orm";
import type { LiveSession } from "../../shared/sessions";
import type { Settings } from "../../shared/settings";
import { type Db, rowsOf, type Tx } from "../db/client";
import { assignmentMarks, sessions, teamMembers, users } from "../db/schema";
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
/** After every other deferred write of the transaction (the hand-offs' rows): the pass must see them. */
const ASSIGNMENT_STAGE = 1;
const HOLD_OFF = "assignment:hold-off";

/**
 * Asks for the longest waiters where demand or capacity appeared to be assigned while eligible agents have
 * room. The pass runs once per transaction, after all of its commands and just before COMMIT, and only
 * with auto-accept on.
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
  ctx.beforeCommit("assignment", assignmentStep, ASSIGNMENT_STAGE);
}

/** For a change to an agent's load or eligibility: no pass may count it as not yet made (see above). */
export function holdOffAssignment(ctx: CommandContext) {
  ctx.shared.set(HOLD_OFF, true);
  ctx.beforeCommit("assignment", assignmentStep, ASSIGNMENT_STAGE);
}

async function assignmentStep(ctx: CommandContext) {
  const { settings } = await orgConfig(ctx);
  if (!settings.autoAccept) return;
  ctx.serializeOrganization();
  const demand = ctx.shared.get(PENDING) as Required<Demand> | undefined;
  if (demand) await assignmentPass(ctx, demand, settings);
  else await ctx.tx.execute(sql`select pg_advisory_xact_lock_shared(${lockKey(ctx.orgId)})`);
}

/** The teams an agent is in: the agent inbox's queue. */
export async function teamsOf(tx: Db | Tx, agentId: string): Promise<string[]> {
  const rows = await tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, agentId));
  return rows.map((r) => r.teamId);
}

const lockKey = (orgId: string) => sql`hashtextextended(${`assign:${orgId}`}, 0)`;

interface Member {
  team_id: string;
  id: string;
  online_since: string | null;
  last_assigned_at: string | null;
  load: number;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

async function assignmentPass(ctx: CommandContext, demand: Required<Demand>, settings: Settings) {
  const { tx, orgId, now } = ctx;
  const limit = settings.maxChatsPerAgent;
  // The read is sent behind the lock without waiting for it: the server runs it once the lock is granted,
  // and it sees everything committed by then (its snapshot is taken when it starts). One trip, not two.
  const locked = tx.execute(sql`select pg_advisory_xact_lock(${lockKey(orgId)})`);

  // After the lock, in one statement: the online members of the teams concerned with their loads, and the
  // longest waiters of each team, as many as its members have room for. A request another transaction is
  // handling (accepting, ending) is skipped, not waited for. Each member's user is looked up by primary key
  // whatever the statistics say: `offset 0` keeps the planner from joining users as a whole, which it did
  // on a new organization's empty statistics, comparing every member with every online user (half of the
  // pass's time in the assignment benchmark).
  const concerned = demand.everywhere
    ? sql`true`
    : sql`(m.team_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(demand.teams)}::jsonb))
        or m.team_id in (select team_id from ${teamMembers} where user_id in
          (select value::uuid from jsonb_array_elements_text(${JSON.stringify(demand.agents)}::jsonb))))`;
  const read = tx.execute(sql`
    with members as (
      select m.team_id, u.id, u.online_since, mark.last_assigned_at,
        (select count(*)::int from ${sessions} a where a.agent_id = u.id and a.status = 'active') as load
      from ${teamMembers} m
      cross join lateral (select id, online_since from ${users} where id = m.user_id and status = 'online' offset 0) u
      left join ${assignmentMarks} mark on mark.agent_id = u.id
      where m.org_id = ${orgId} and ${concerned}
    ), rooms as (
      select team_id, sum(greatest(0, ${limit}::int - load))::int as room from members
      group by team_id having sum(greatest(0, ${limit}::int - load)) > 0
    ), waiting as (
      select w.id, w.team_id, w.queued_at from rooms cross join lateral (
        select id, team_id, queued_at from ${sessions}
        where team_id = rooms.team_id and status = 'queued'
        order by queued_at, id limit rooms.room
        for update skip locked
      ) w
    )
    select
      (select coalesce(json_agg(members), '[]') from members) as members,
      (select coalesce(json_agg(waiting order by queued_at, id), '[]') from waiting) as waiting
  `);
  // A lock that fails (deadlock detected) fails the read behind it; the lock's error is the one to report.
  const [, result] = await Promise.all([locked, read]);
  const [found] = rowsOf<{ members: Member[] | string; waiting: Waiting[] | string }>(result);
  const parsed = <T>(value: T | string): T => (typeof value === "string" ? JSON.parse(value) : value);
  const members = parsed(found.members);
  const waiting = parsed(found.waiting);
  if (waiting.length === 0) return;

  const agents = new Map<string, Candidate>();
  const membersOf = new Map<string, string[]>();
  for (const m of members) {
    agents.set(m.id, {
      id: m.id,
      onlineSince: date(m.online_since),
      lastAssignedAt: date(m.last_assigned_at),
      load: m.load,
    });
    membersOf.set(m.team_id, [...(membersOf.get(m.team_id) ?? []), m.id]);
  }
  const plan = decide(waiting, membersOf, agents, limit, settings.roundRobin, now);
  if (plan.length === 0) return;

  const chosen = JSON.stringify([...new Set(plan.map((a) => a.agentId))]);
  const at = sql`${now.toISOString()}::timestamptz`;
  const stamped = sql`stamped as (
    insert into ${assignmentMarks} (agent_id, last_assigned_at)
    select value::uuid, ${at} from jsonb_array_elements_text(${chosen}::jsonb)
    on conflict (agent_id) do update set last_assigned_at = excluded.last_assigned_at
  )`;
  const agentOf = JSON.stringify(Object.fromEntries(plan.map((a) => [a.sessionId, a.agentId])));
  const rows = await updateLiveSessions(
    tx,
    sql`status = 'active', agent_id = (${agentOf}::jsonb ->> id::text)::uuid, accepted_at = ${at}`,
    // `= any(array(…))`, not `in (select …)`: the ids then reach the primary key's index; a semi join
    // with a set-returning function is planned as a pass over every session ever handed off.
    sql`id = any(array(select key::uuid from jsonb_each_text(${agentOf}::jsonb)))`,
    [stamped],
  );
  const bySession = new Map<string, LiveSession>(rows.map((r) => [r.live.id, r.live]));
  for (const a of plan)
    ctx.emit("session.accepted", { session: bySession.get(a.sessionId) as LiveSession, assigned: true });
}

interface Waiting {
  id: string;
  team_id: string;
}

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

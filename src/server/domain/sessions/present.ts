// The Live Sessions row, read and presented in one place for the snapshot and the live events alike.
//
// Written as SQL, not with Drizzle's query builder: these statements run on every accept, assignment and
// snapshot, and rendering a builder query (a six-table join, each column an object to inspect) took about
// a third of the server's time under load; a `sql` template of text and values renders at once. Rows come
// back as the driver gives them, timestamps as text (Drizzle leaves them unparsed), and are presented here.
import { type SQL, sql } from "drizzle-orm";
import { compareLiveSessions } from "../../../shared/live-order";
import type { LiveSession, Session } from "../../../shared/sessions";
import { type Db, rowsOf, type Tx } from "../../db/client";
import { bots, conversations, customers, sessions, teams, users } from "../../db/schema";
import { readLastSeq } from "../../events/log";

/** A timestamp as a query returns it: a Date from the query builder, text from a `sql` statement. */
type Timestamp = Date | string;
const iso = (at: Timestamp) => (typeof at === "string" ? new Date(at) : at).toISOString();
export const isoOrNull = (at: Timestamp | null) => (at === null ? null : iso(at));

/** The columns of a Live Sessions row, named as `LiveRow` has them. */
export interface LiveRow {
  id: string;
  conversationId: string;
  status: string;
  queuedAt: Timestamp;
  acceptedAt: Timestamp | null;
  customerId: string;
  customerName: string;
  agentId: string | null;
  agentName: string | null;
  teamId: string;
  teamName: string;
  botId: string;
  botName: string;
  channelName: string;
  channelType: string;
}

/**
 * Selects the Live Sessions row of each session in `source` (the sessions table, or a CTE of session rows
 * such as an update's RETURNING), aliased `s`, with the names it shows joined; `more` adds columns (the
 * agent inbox's, the session's own). The caller appends its WHERE.
 */
export function selectLiveRows(source: SQL, more: SQL = sql``): SQL {
  return sql`
    select s.id, s.conversation_id as "conversationId", s.status, s.queued_at as "queuedAt",
      s.accepted_at as "acceptedAt", customer.id as "customerId", customer.name as "customerName",
      agent.id as "agentId", agent.name as "agentName", team.id as "teamId", team.name as "teamName",
      bot.id as "botId", bot.name as "botName", conversation.channel_name as "channelName",
      conversation.channel_type as "channelType" ${more}
    from ${source} s
      join ${conversations} conversation on conversation.id = s.conversation_id
      join ${customers} customer on customer.id = conversation.customer_id
      join ${teams} team on team.id = s.team_id
      join ${bots} bot on bot.id = conversation.bot_id
      left join ${users} agent on agent.id = s.agent_id`;
}

export function presentLiveSession(row: LiveRow): LiveSession {
  return {
    id: row.id,
    conversationId: row.conversationId,
    status: row.status as LiveSession["status"],
    customer: { id: row.customerId, name: row.customerName },
    agent: row.agentId ? { id: row.agentId, name: row.agentName ?? "" } : null,
    team: { id: row.teamId, name: row.teamName },
    bot: { id: row.botId, name: row.botName },
    channel: { name: row.channelName, type: row.channelType },
    queuedAt: iso(row.queuedAt),
    acceptedAt: isoOrNull(row.acceptedAt),
  };
}

export async function loadLiveSession(tx: Tx, sessionId: string): Promise<LiveSession> {
  const [row] = rowsOf<LiveRow>(await tx.execute(sql`${selectLiveRows(sql`${sessions}`)} where s.id = ${sessionId}`));
  return presentLiveSession(row);
}

/** The session's own columns beside its Live Sessions row's (`selectLiveRows`' `more`). */
const sessionColumns = sql`, s.routing_rule_id as "routingRuleId", s.previous_session_id as "previousSessionId",
  s.transfer_note as "transferNote", s.ended_at as "endedAt", s.end_reason as "endReason"`;

type ChangedRow = LiveRow & Omit<SessionRow, keyof LiveRow>;

/**
 * Changes sessions and reads them back as they now are, as session rows and Live Sessions rows, in one
 * statement (the update is a data-modifying CTE the row's joins read from). `set` and `where` are the
 * UPDATE's clauses, over the sessions table.
 */
export async function updateLiveSessions(
  tx: Tx,
  set: SQL,
  where: SQL,
  /** Other data-modifying CTEs to run in the same statement, each `name as (…)`. */
  alongside: SQL[] = [],
) {
  const result = await tx.execute(sql`
    with changed as (update ${sessions} set ${set} where ${where} returning *)${sql.join(
      alongside.map((cte) => sql`, ${cte}`),
    )}
    ${selectLiveRows(sql`changed`, sessionColumns)}`);
  return rowsOf<ChangedRow>(result).map((row) => ({ session: presentSession(row), live: presentLiveSession(row) }));
}

/** Queued and active sessions of an organization, in the seed's order (sorted here: no index serves it). */
export async function listLiveSessions(db: Db | Tx, orgId: string): Promise<LiveSession[]> {
  const result = await db.execute(
    sql`${selectLiveRows(sql`${sessions}`)} where s.org_id = ${orgId} and s.status <> 'ended'`,
  );
  return rowsOf<LiveRow>(result).map(presentLiveSession).sort(compareLiveSessions);
}

/** The live sessions and the sequence number they are at, read from one snapshot of the database. */
export function readLiveSessions(db: Db, orgId: string): Promise<{ seq: number; sessions: LiveSession[] }> {
  return db.transaction(
    async (tx) => {
      const seq = await readLastSeq(tx as never, orgId);
      return { seq, sessions: await listLiveSessions(tx, orgId) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** A session's columns, from the query builder (timestamps as Dates) or a `sql` statement (as text). */
interface SessionRow {
  id: string;
  conversationId: string;
  status: string;
  teamId: string;
  agentId: string | null;
  routingRuleId: string | null;
  previousSessionId: string | null;
  transferNote: string | null;
  queuedAt: Timestamp;
  acceptedAt: Timestamp | null;
  endedAt: Timestamp | null;
  endReason: string | null;
}

export function presentSession(row: SessionRow): Session {
  return {
    id: row.id,
    conversationId: row.conversationId,
    status: row.status as Session["status"],
    teamId: row.teamId,
    agentId: row.agentId,
    routingRuleId: row.routingRuleId,
    previousSessionId: row.previousSessionId,
    transferNote: row.transferNote,
    queuedAt: iso(row.queuedAt),
    acceptedAt: isoOrNull(row.acceptedAt),
    endedAt: isoOrNull(row.endedAt),
    endReason: row.endReason as Session["endReason"],
  };
}

// The Live Sessions row, read and presented in one place for the snapshot and the live events alike.
import { and, type Column, eq, ne, type SQL, sql, type WithSubquery } from "drizzle-orm";
import type { PgSelect, PgUpdateSetSource } from "drizzle-orm/pg-core";
import { compareLiveSessions } from "../../../shared/live-order";
import type { LiveSession, Session } from "../../../shared/sessions";
import type { Db, Tx } from "../../db/client";
import { bots, conversations, customers, sessions, teams, users } from "../../db/schema";
import { readLastSeq } from "../../events/log";

/** The columns of a Live Sessions row; views that show more (the agent inbox) add theirs to these. */
export const liveColumns = {
  id: sessions.id,
  conversationId: sessions.conversationId,
  status: sessions.status,
  queuedAt: sessions.queuedAt,
  acceptedAt: sessions.acceptedAt,
  customerId: customers.id,
  customerName: customers.name,
  agentId: users.id,
  agentName: users.name,
  teamId: teams.id,
  teamName: teams.name,
  botId: bots.id,
  botName: bots.name,
  channelName: conversations.channelName,
  channelType: conversations.channelType,
};

/**
 * Joins what a Live Sessions row names (customer, team, bot, channel, agent) to a query over sessions:
 * `source` is the sessions table, or a CTE of session rows (an update's RETURNING).
 */
export function joinLiveNames<Q extends PgSelect>(
  query: Q,
  source: { conversationId: Column | SQL.Aliased; teamId: Column | SQL.Aliased; agentId: Column | SQL.Aliased },
) {
  return query
    .innerJoin(conversations, eq(conversations.id, source.conversationId))
    .innerJoin(customers, eq(customers.id, conversations.customerId))
    .innerJoin(teams, eq(teams.id, source.teamId))
    .innerJoin(bots, eq(bots.id, conversations.botId))
    .leftJoin(users, eq(users.id, source.agentId));
}

function liveSessionsQuery(db: Db | Tx) {
  return joinLiveNames(db.select(liveColumns).from(sessions).$dynamic(), sessions);
}

type LiveRow = {
  id: string;
  conversationId: string;
  status: string;
  queuedAt: Date;
  acceptedAt: Date | null;
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
};

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
    queuedAt: row.queuedAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}

/** A named prepared statement: PostgreSQL plans this six-table join once per connection, not per call. */
export async function loadLiveSession(tx: Tx, sessionId: string): Promise<LiveSession> {
  const [row] = await liveSessionsQuery(tx)
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("load_live_session")
    .execute({ id: sessionId });
  return presentLiveSession(row);
}

/**
 * Changes sessions and reads them back as they now are, as session rows and Live Sessions rows, in one
 * statement (the update is a data-modifying CTE the row's joins read from).
 */
export async function updateLiveSessions(
  tx: Tx,
  set: PgUpdateSetSource<typeof sessions>,
  where: SQL | undefined,
  /** Other data-modifying CTEs to run in the same statement. */
  alongside: WithSubquery[] = [],
) {
  const changed = tx.$with("changed").as(tx.update(sessions).set(set).where(where).returning());
  const query = tx
    .with(changed, ...alongside)
    .select({
      ...liveColumns,
      id: changed.id,
      conversationId: changed.conversationId,
      status: changed.status,
      queuedAt: changed.queuedAt,
      acceptedAt: changed.acceptedAt,
      session: {
        id: changed.id,
        conversationId: changed.conversationId,
        status: changed.status,
        teamId: changed.teamId,
        agentId: changed.agentId,
        routingRuleId: changed.routingRuleId,
        previousSessionId: changed.previousSessionId,
        transferNote: changed.transferNote,
        queuedAt: changed.queuedAt,
        acceptedAt: changed.acceptedAt,
        endedAt: changed.endedAt,
        endReason: changed.endReason,
      },
    })
    .from(changed)
    .$dynamic();
  const rows = await joinLiveNames(query, changed);
  return rows.map((row) => ({ session: presentSession(row.session), live: presentLiveSession(row) }));
}

/** Queued and active sessions of an organization, in the seed's order (sorted here: no index serves it). */
export async function listLiveSessions(db: Db | Tx, orgId: string): Promise<LiveSession[]> {
  const rows = await liveSessionsQuery(db).where(and(eq(sessions.orgId, orgId), ne(sessions.status, "ended")));
  return rows.map(presentLiveSession).sort(compareLiveSessions);
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

type SessionRow = Omit<typeof sessions.$inferSelect, "orgId" | "endedBy" | "closedAt">;

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
    queuedAt: row.queuedAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason as Session["endReason"],
  };
}

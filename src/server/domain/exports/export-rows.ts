// The sessions of an export, oldest request first, read in batches with a keyset cursor on
// (queued_at, id) — sessions_history_idx — so memory holds a batch or two however long the range.
import { type AnyColumn, and, type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { bots, conversations, customers, routingRules, sessions, teams, users } from "../../db/schema";
import { type ReportScope, scopeCondition } from "../reports/scope";
import type { ExportRow } from "./csv";

const isoUtc = (column: AnyColumn) =>
  sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const seconds = (interval: SQL) => sql<number | null>`floor(date_part('epoch', ${interval}))::int`;

function exportColumns(now: Date) {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const legs = sql.raw("legs");
  return {
    cursorKey: sql<string>`${sessions.queuedAt}::text`,
    id: sessions.id,
    conversationId: sessions.conversationId,
    // Total time of the conversation = the sum of its legs' durations (PRODUCT.md, "Timers"). A first leg not
    // transferred is the conversation's only leg (most are): its own duration, without reading the others.
    totalSeconds: sql<number>`case when ${sessions.previousSessionId} is null and ${sessions.endReason} is distinct from 'transferred'
      then coalesce(floor(date_part('epoch', coalesce(${sessions.endedAt}, ${nowSql}) - ${sessions.acceptedAt})), 0)::int
      else (select coalesce(floor(date_part('epoch', sum(coalesce(${legs}.ended_at, ${nowSql}) - ${legs}.accepted_at))), 0)::int
        from ${sessions} as ${legs} where ${legs}.conversation_id = ${sessions.conversationId}) end`,
    requestedAt: isoUtc(sessions.queuedAt),
    acceptedAt: isoUtc(sessions.acceptedAt),
    endedAt: isoUtc(sessions.endedAt),
    status: sessions.status,
    endReason: sessions.endReason,
    userName: customers.name,
    agentName: users.name,
    userEmail: customers.email,
    waitSeconds: seconds(sql`coalesce(${sessions.acceptedAt}, ${sessions.endedAt}, ${nowSql}) - ${sessions.queuedAt}`),
    durationSeconds: seconds(sql`coalesce(${sessions.endedAt}, ${nowSql}) - ${sessions.acceptedAt}`),
    channelName: conversations.channelName,
    channelType: conversations.channelType,
    teamName: teams.name,
    ruleName: routingRules.name,
    botName: bots.name,
    botId: bots.id,
  };
}

export type BatchRow = ExportRow & { cursorKey: string; id: string };

/**
 * One batch of the scope's sessions after `after` (a plain query rather than the query builder: rows come
 * back as the driver builds them, without a second copy each — at a million rows that copy is real garbage).
 */
export function exportBatchQuery(
  scope: ReportScope,
  options: { now: Date; batchRows: number },
  after: { cursorKey: string; id: string } | null,
): SQL {
  const selectList = sql.join(
    Object.entries(exportColumns(options.now)).map(
      ([alias, expression]) => sql`${expression} as ${sql.identifier(alias)}`,
    ),
    sql`, `,
  );
  return sql`
    select ${selectList}
    from ${sessions}
    join ${conversations} on ${conversations.id} = ${sessions.conversationId}
    join ${customers} on ${customers.id} = ${conversations.customerId}
    join ${teams} on ${teams.id} = ${sessions.teamId}
    join ${bots} on ${bots.id} = ${conversations.botId}
    left join ${users} on ${users.id} = ${sessions.agentId}
    left join ${routingRules} on ${routingRules.id} = ${sessions.routingRuleId}
    where ${and(
      scopeCondition(scope),
      after
        ? sql`(${sessions.queuedAt}, ${sessions.id}) > (${after.cursorKey}::timestamptz, ${after.id}::uuid)`
        : undefined,
    )}
    order by ${sessions.queuedAt}, ${sessions.id}
    limit ${options.batchRows}`;
}

/**
 * Yields every session of the scope, a batch at a time; `now` stops the timers of legs still queued or active.
 * The next batch is read while this one is being written, so the database and the CSV writer work at once.
 */
export async function* readExportBatches(
  db: Db,
  scope: ReportScope,
  options: { now: Date; batchRows: number },
): AsyncGenerator<ExportRow[]> {
  const readBatch = async (after: BatchRow | null) =>
    rowsOf<BatchRow>(await db.execute(exportBatchQuery(scope, options, after)));
  let next: Promise<BatchRow[]> | null = readBatch(null);
  try {
    while (next) {
      const batch: BatchRow[] = await next;
      next = batch.length === options.batchRows ? readBatch(batch[batch.length - 1]) : null;
      yield batch;
    }
  } finally {
    // Stopped early (an abort): the batch read ahead is not wanted, nor is its error.
    next?.catch(() => {});
  }
}

// The sessions of a report, a page at a time, with a keyset cursor: each page starts where the last one
// ended, however far in, and rows arriving meanwhile do not shift it. The default order is the reference's
// (A): queued (longest wait first), active (longest conversation first), then ended (newest request first),
// read as three segments, each served by an index (the live ones by sessions_live_idx, ended by history).
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { ReportSession, ReportSessionsPage, ReportSort } from "../../../shared/reports";
import type { Db } from "../../db/client";
import { sessions } from "../../db/schema";
import { invalid } from "../errors";
import { historyQuery, presentReportSession } from "./history-row";
import { type ReportScope, scopeCondition } from "./scope";

type Direction = "asc" | "desc";

/** One ordered run of rows: by `key` (then id) in `direction`, optionally only sessions of one status. */
interface Segment {
  status?: "queued" | "active" | "ended";
  key: SQL;
  /** The key's type, to read a cursor's text back as it. */
  type: "timestamptz" | "interval";
  direction: Direction;
}

const statusSegments: Segment[] = [
  { status: "queued", key: sql`${sessions.queuedAt}`, type: "timestamptz", direction: "asc" },
  { status: "active", key: sql`${sessions.acceptedAt}`, type: "timestamptz", direction: "asc" },
  { status: "ended", key: sql`${sessions.queuedAt}`, type: "timestamptz", direction: "desc" },
];

/** A sort by one column; rows without a value (duration of a leg never accepted) come last either way. */
function columnSegment(sort: Exclude<ReportSort, "status">, now: Date): Segment {
  const direction: Direction = sort.startsWith("-") ? "desc" : "asc";
  const last = direction === "asc" ? sql`interval '100000 days'` : sql`interval '-1 second'`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  switch (sort.replace("-", "")) {
    case "requestedAt":
      return { key: sql`${sessions.queuedAt}`, type: "timestamptz", direction };
    case "wait":
      return {
        key: sql`(coalesce(${sessions.acceptedAt}, ${sessions.endedAt}, ${nowSql}) - ${sessions.queuedAt})`,
        type: "interval",
        direction,
      };
    default:
      return {
        key: sql`coalesce(coalesce(${sessions.endedAt}, ${nowSql}) - ${sessions.acceptedAt}, ${last})`,
        type: "interval",
        direction,
      };
  }
}

interface Cursor {
  sort: ReportSort;
  segment: number;
  key: string;
  id: string;
}

const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.segment, cursor.key, cursor.id])).toString("base64url");

function decodeCursor(text: string, sort: ReportSort): Cursor {
  try {
    const [s, segment, key, id] = JSON.parse(Buffer.from(text, "base64url").toString());
    const valid =
      s === sort &&
      Number.isInteger(segment) &&
      segment >= 0 &&
      segment < 3 &&
      typeof key === "string" &&
      key.length < 100 &&
      /^[0-9a-f-]{36}$/.test(id);
    if (valid) return { sort, segment, key, id };
  } catch {
    // falls through to the refusal
  }
  throw invalid("cursor", "Not a cursor this API gave out for this sort; start again from the first page.");
}

function after(segment: Segment, cursor: Cursor): SQL {
  const key = sql`${cursor.key}::${sql.raw(segment.type)}`;
  const id = sql`${cursor.id}::uuid`;
  return segment.direction === "asc"
    ? sql`(${segment.key}, ${sessions.id}) > (${key}, ${id})`
    : sql`(${segment.key}, ${sessions.id}) < (${key}, ${id})`;
}

export async function listReportSessions(
  db: Db,
  scope: ReportScope,
  page: { sort: ReportSort; cursor?: string; limit: number },
  now: Date,
): Promise<ReportSessionsPage> {
  const segments = page.sort === "status" ? statusSegments : [columnSegment(page.sort, now)];
  const cursor = page.cursor ? decodeCursor(page.cursor, page.sort) : null;
  const rows: { session: ReportSession; segment: number; key: string }[] = [];
  // One more row than asked tells whether there is a next page.
  for (let index = cursor?.segment ?? 0; index < segments.length && rows.length <= page.limit; index++) {
    const segment = segments[index];
    if (segment.status && scope.filters.status && segment.status !== scope.filters.status) continue;
    const order = segment.direction === "asc" ? sql`asc` : sql`desc`;
    const found = await historyQuery(db, segment.key)
      .where(
        and(
          scopeCondition(scope),
          segment.status ? eq(sessions.status, segment.status) : undefined,
          cursor && index === cursor.segment ? after(segment, cursor) : undefined,
        ),
      )
      .orderBy(sql`${segment.key} ${order}`, sql`${sessions.id} ${order}`)
      .limit(page.limit + 1 - rows.length);
    for (const row of found) {
      rows.push({ session: presentReportSession(row, now.getTime()), segment: index, key: row.sortKey ?? "" });
    }
  }
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    serverTime: now.toISOString(),
    sessions: pageRows.map((r) => r.session),
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor({ sort: page.sort, segment: last.segment, key: last.key, id: last.session.id })
        : null,
  };
}

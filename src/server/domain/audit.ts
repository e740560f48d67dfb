// Writing and reading the audit log. Entries are written by the command that makes the change, in its
// transaction, so the log and the configuration never disagree.
import { randomUUID } from "node:crypto";
import { and, desc, eq, lt } from "drizzle-orm";
import type { AuditEntry, AuditKind } from "../../shared/audit";
import type { Db } from "../db/client";
import { auditLog, users } from "../db/schema";
import type { CommandContext } from "../events/writer";
import type { Actor } from "./actor";
import { invalid } from "./errors";

export interface AuditRecord {
  kind: AuditKind;
  action: "created" | "updated" | "deleted";
  subjectId: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(ctx: CommandContext, actor: Actor, record: AuditRecord) {
  let actorId: string | null = null;
  let actorName = actor.kind === "customer" ? "API key" : "System";
  if (actor.kind === "user") {
    const [row] = await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
    actorId = actor.userId;
    actorName = row?.name ?? "Unknown user";
  }
  await ctx.tx.insert(auditLog).values({
    id: randomUUID(),
    orgId: ctx.orgId,
    at: ctx.now,
    actorId,
    actorName,
    kind: record.kind,
    action: record.action,
    subjectId: record.subjectId,
    summary: record.summary,
    before: record.before ?? null,
    after: record.after ?? null,
  });
}

const encodeCursor = (n: number) => Buffer.from(`audit:${n}`).toString("base64url");
function decodeCursor(cursor: string): number {
  const match = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw invalid("cursor", "Not a cursor this API gave out.");
  return Number(match[1]);
}

/** Newest first, a page at a time. */
export async function listAudit(
  db: Db,
  orgId: string,
  query: { kind?: AuditKind; userId?: string; cursor?: string; limit: number },
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        query.kind ? eq(auditLog.kind, query.kind) : undefined,
        query.userId ? eq(auditLog.actorId, query.userId) : undefined,
        after !== null ? lt(auditLog.n, after) : undefined,
      ),
    )
    .orderBy(desc(auditLog.n))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: { id: row.actorId, name: row.actorName },
      kind: row.kind as AuditKind,
      action: row.action as AuditRecord["action"],
      subjectId: row.subjectId,
      summary: row.summary,
      before: row.before,
      after: row.after,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.n) : null,
  };
}

// Quick responses: templates agents insert with `#`; managed by supervisors, every change audited.
import { randomUUID } from "node:crypto";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { QuickResponse } from "../../shared/agent-console";
import type { Db, Tx } from "../db/client";
import { quickResponses } from "../db/schema";
import type { CommandContext } from "../events/writer";
import type { Actor } from "./actor";
import { recordAudit } from "./audit";
import { conflict, notFound } from "./errors";

type Row = typeof quickResponses.$inferSelect;
const present = (row: Row): QuickResponse => ({
  id: row.id,
  shortcut: row.shortcut,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
});

export async function listQuickResponses(db: Db, orgId: string) {
  const rows = await db
    .select()
    .from(quickResponses)
    .where(eq(quickResponses.orgId, orgId))
    .orderBy(asc(quickResponses.shortcut));
  return rows.map(present);
}

async function assertShortcutFree(tx: Tx, orgId: string, shortcut: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: quickResponses.id })
    .from(quickResponses)
    .where(
      and(
        eq(quickResponses.orgId, orgId),
        sql`lower(${quickResponses.shortcut}) = lower(${shortcut})`,
        exceptId ? ne(quickResponses.id, exceptId) : undefined,
      ),
    );
  if (taken) throw conflict("A quick response with this shortcut already exists.", "shortcut");
}

export async function createQuickResponse(
  ctx: CommandContext,
  input: { shortcut: string; body: string },
  actor: Actor,
) {
  await assertShortcutFree(ctx.tx, ctx.orgId, input.shortcut);
  const [row] = await ctx.tx
    .insert(quickResponses)
    .values({ id: randomUUID(), orgId: ctx.orgId, ...input, createdAt: ctx.now })
    .returning();
  const response = present(row);
  ctx.emit("quick_response.changed", { quickResponse: response });
  await recordAudit(ctx, actor, {
    kind: "quick_response",
    action: "created",
    subjectId: row.id,
    summary: `#${row.shortcut} created`,
    after: response,
  });
  return response;
}

export async function updateQuickResponse(
  ctx: CommandContext,
  id: string,
  patch: { shortcut?: string; body?: string },
  actor: Actor,
) {
  const [before] = await ctx.tx
    .select()
    .from(quickResponses)
    .where(and(eq(quickResponses.orgId, ctx.orgId), eq(quickResponses.id, id)))
    .for("update");
  if (!before) throw notFound("quick response");
  if (patch.shortcut) await assertShortcutFree(ctx.tx, ctx.orgId, patch.shortcut, id);
  const [row] = await ctx.tx.update(quickResponses).set(patch).where(eq(quickResponses.id, id)).returning();
  const response = present(row);
  ctx.emit("quick_response.changed", { quickResponse: response });
  await recordAudit(ctx, actor, {
    kind: "quick_response",
    action: "updated",
    subjectId: id,
    summary: `#${row.shortcut} updated`,
    before: present(before),
    after: response,
  });
  return response;
}

export async function deleteQuickResponse(ctx: CommandContext, id: string, actor: Actor) {
  const [row] = await ctx.tx
    .delete(quickResponses)
    .where(and(eq(quickResponses.orgId, ctx.orgId), eq(quickResponses.id, id)))
    .returning();
  if (!row) throw notFound("quick response");
  ctx.emit("quick_response.deleted", { quickResponseId: id });
  await recordAudit(ctx, actor, {
    kind: "quick_response",
    action: "deleted",
    subjectId: id,
    summary: `#${row.shortcut} deleted`,
    before: present(row),
  });
}

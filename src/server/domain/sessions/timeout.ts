// Queue timeout (PRODUCT.md): a request not accepted within N minutes ends as `timed_out`. Each overdue
// session is claimed with SKIP LOCKED and re-checked under its lock, so with several server processes
// sweeping at once each one still ends exactly once, with one event.
import { and, asc, eq, lt } from "drizzle-orm";
import { sessions } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { systemActor } from "../actor";
import { endSession } from "./end";

export async function endOverdueSessions(ctx: CommandContext, timeoutMinutes: number, limit = 200): Promise<number> {
  const cutoff = new Date(ctx.now.getTime() - timeoutMinutes * 60_000);
  const overdue = await ctx.tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.orgId, ctx.orgId), eq(sessions.status, "queued"), lt(sessions.queuedAt, cutoff)))
    .orderBy(asc(sessions.queuedAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  for (const { id } of overdue) await endSession(ctx, id, systemActor, "timed_out");
  return overdue.length;
}

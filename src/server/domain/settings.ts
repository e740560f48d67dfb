// Reading an organization's configuration; what was never set reads as the product's default.
import { eq, sql } from "drizzle-orm";
import { type Settings, settingsSchema } from "../../shared/settings";
import type { Db, Tx } from "../db/client";
import { organizations } from "../db/schema";
import type { CommandContext } from "../events/writer";
import type { Actor } from "./actor";
import { assignEverywhere } from "./assignment";
import { recordAudit } from "./audit";
import { invalid, notFound } from "./errors";

export async function getSettings(db: Db | Tx, orgId: string): Promise<Settings> {
  const [row] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!row) throw notFound("organization");
  return settingsSchema.parse(row.settings ?? {});
}

/** Changes the configuration; a higher limit or auto-accept switched on may assign waiting requests at once. */
export async function updateSettings(ctx: CommandContext, patch: Partial<Settings>, actor: Actor): Promise<Settings> {
  const [row] = await ctx.tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
    .for("update");
  if (!row) throw notFound("organization");
  const before = settingsSchema.parse(row.settings ?? {});
  const after = settingsSchema.parse({ ...before, ...patch });
  if (after.waitThresholds.redSeconds <= after.waitThresholds.amberSeconds) {
    throw invalid("waitThresholds.redSeconds", "The red threshold must be above the amber one.");
  }
  await ctx.tx.update(organizations).set({ settings: after }).where(eq(organizations.id, ctx.orgId));
  ctx.emit("settings.changed", { settings: after });
  const changed = (Object.keys(after) as (keyof Settings)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  await recordAudit(ctx, actor, {
    kind: "settings",
    action: "updated",
    subjectId: null,
    summary: changed.length > 0 ? `Changed ${changed.join(", ")}` : "Saved without changes",
    before,
    after,
  });
  const moreRoom = after.maxChatsPerAgent > before.maxChatsPerAgent || (after.autoAccept && !before.autoAccept);
  if (moreRoom) await assignEverywhere(ctx, after);
  return after;
}

/** Organizations with a queue timeout, for the sweeper. */
export async function organizationsWithQueueTimeout(db: Db) {
  const rows = await db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(organizations)
    .where(sql`${organizations.settings}->>'queueTimeoutMinutes' is not null`);
  return rows.map((r) => ({ orgId: r.id, minutes: settingsSchema.parse(r.settings).queueTimeoutMinutes as number }));
}

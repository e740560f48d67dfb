// Changing an organization's configuration: audited, announced, and — when it makes room — followed at
// once by the assignments it allows.
import { eq } from "drizzle-orm";
import { type Settings, settingsSchema } from "../../shared/settings";
import { organizations } from "../db/schema";
import type { CommandContext } from "../events/writer";
import type { Actor } from "./actor";
import { assignWaiting, holdOffAssignment } from "./assignment";
import { recordAudit } from "./audit";
import { invalid, notFound } from "./errors";
import { forgetOrgConfig } from "./org-config";

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
  forgetOrgConfig(ctx);
  const changed = (Object.keys(after) as (keyof Settings)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  await recordAudit(ctx, actor, {
    kind: "settings",
    action: "updated",
    subjectId: null,
    summary: `Changed ${changed.join(", ")}`,
    before,
    after,
  });
  const moreRoom = after.maxChatsPerAgent > before.maxChatsPerAgent || (after.autoAccept && !before.autoAccept);
  // More room is assigned at once; a lower limit must hold for every pass that commits after it.
  if (moreRoom) assignWaiting(ctx, { everywhere: true });
  else holdOffAssignment(ctx);
  return after;
}

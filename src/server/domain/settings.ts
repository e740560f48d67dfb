// Reading an organization's configuration; what was never set reads as the product's default.
import { eq, sql } from "drizzle-orm";
import { type Settings, settingsSchema } from "../../shared/settings";
import type { Db, Tx } from "../db/client";
import { organizations } from "../db/schema";
import { notFound } from "./errors";

export async function getSettings(db: Db | Tx, orgId: string): Promise<Settings> {
  const [row] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!row) throw notFound("organization");
  return settingsSchema.parse(row.settings ?? {});
}

/** Organizations with a queue timeout, for the sweeper. */
export async function organizationsWithQueueTimeout(db: Db) {
  const rows = await db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(organizations)
    .where(sql`${organizations.settings}->>'queueTimeoutMinutes' is not null`);
  return rows.map((r) => ({ orgId: r.id, minutes: settingsSchema.parse(r.settings).queueTimeoutMinutes as number }));
}

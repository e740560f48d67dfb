// Creating an organization: its event counter and its default team come with it, so every later
// command can rely on both.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { eventCounters, organizations, teams } from "../db/schema";
import { notFound } from "./errors";

export async function createOrganization(db: Db, input: { name: string; defaultTeamName?: string }) {
  const id = randomUUID();
  const defaultTeamId = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(organizations).values({ id, name: input.name });
    await tx.insert(eventCounters).values({ orgId: id, lastSeq: 0 });
    await tx.insert(teams).values({
      id: defaultTeamId,
      orgId: id,
      name: input.defaultTeamName ?? "General",
      description: "Requests no routing rule matches",
      isDefault: true,
    });
  });
  return { id, name: input.name, defaultTeamId };
}

export async function getOrganization(db: Db, id: string) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!org) throw notFound("organization");
  return org;
}

export async function findOrganizationByName(db: Db, name: string) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.name, name));
  return org ?? null;
}

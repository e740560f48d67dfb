// Reads a session of the organization under a row lock, so the check and the change that follows
// cannot interleave with another transaction's (the accept race, transfer, end).
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { DomainError, notFound } from "../errors";

export async function lockSession(tx: Tx, orgId: string, sessionId: string) {
  const [session] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId)))
    .for("update");
  if (!session) throw notFound("session");
  return session;
}

export function assertLive(session: typeof sessions.$inferSelect) {
  if (session.status === "ended") {
    throw new DomainError("session_ended", `This session has already ended (${session.endReason}).`);
  }
}

export async function agentName(tx: Tx, userId: string | null): Promise<string> {
  if (!userId) return "another agent";
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "another agent";
}

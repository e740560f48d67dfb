// Signing in (people: an opaque token in an httpOnly cookie) and API keys (machines). Both are stored
// only as SHA-256 hashes: they are long random secrets, so a fast hash is enough and a leak of the table
// reveals nothing usable.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, authSessions, conversations, users } from "../db/schema";
import { DomainError, notFound } from "./errors";
import { verifyPassword } from "./passwords";
import { presentUser } from "./users";

const sha256 = (secret: string) => createHash("sha256").update(secret).digest("hex");
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export async function login(db: Db, email: string, password: string, now: Date, ttlHours: number) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  // Verify against a dummy hash when the email is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new DomainError("unauthenticated", "Wrong email or password.");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await db
    .insert(authSessions)
    .values({ tokenHash: sha256(token), userId: user.id, orgId: user.orgId, createdAt: now, expiresAt });
  return { token, expiresAt, user: presentUser(user) };
}

export async function logout(db: Db, token: string) {
  await db.delete(authSessions).where(eq(authSessions.tokenHash, sha256(token)));
}

export async function userForToken(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.tokenHash, sha256(token)), gt(authSessions.expiresAt, now)));
  return row ? presentUser(row.user) : null;
}

export async function createApiKey(db: Db, orgId: string, name: string, now: Date) {
  const key = `sbk_${randomBytes(24).toString("base64url")}`;
  const id = randomUUID();
  const prefix = key.slice(0, 8);
  await db.insert(apiKeys).values({ id, orgId, name, keyHash: sha256(key), prefix, createdAt: now });
  return { id, name, prefix, createdAt: now.toISOString(), revoked: false, key };
}

export async function orgForApiKey(db: Db, key: string): Promise<{ orgId: string; keyId: string } | null> {
  const [row] = await db
    .select({ orgId: apiKeys.orgId, keyId: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

export async function listApiKeys(db: Db, orgId: string) {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.orgId, orgId)).orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    revoked: r.revokedAt !== null,
  }));
}

export async function revokeApiKey(db: Db, orgId: string, id: string, now: Date) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)))
    .returning({ id: apiKeys.id });
  if (!row) throw notFound("API key");
}

/** A customer's credential for one conversation (the chat widget): shown once, stored hashed. */
export function newCustomerToken() {
  const token = `sbc_${randomBytes(24).toString("base64url")}`;
  return { token, hash: sha256(token) };
}

export async function conversationForCustomerToken(db: Db, token: string) {
  const [row] = await db
    .select({ orgId: conversations.orgId, conversationId: conversations.id })
    .from(conversations)
    .where(eq(conversations.customerTokenHash, sha256(token)));
  return row ?? null;
}

// Bots: the virtual assistants that hand chats over (the seed's "Agent" column).
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { bots, conversations } from "../db/schema";
import type { CommandContext } from "../events/writer";
import { conflict, notFound } from "./errors";
import { forgetOrgConfig } from "./org-config";

export async function listBots(db: Db, orgId: string) {
  return db.select({ id: bots.id, name: bots.name }).from(bots).where(eq(bots.orgId, orgId)).orderBy(bots.name);
}

export async function createBot(ctx: CommandContext, name: string) {
  const [bot] = await ctx.tx
    .insert(bots)
    .values({ id: randomUUID(), orgId: ctx.orgId, name, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: bots.id, name: bots.name });
  if (!bot) throw conflict("A bot with this name already exists.", "name");
  ctx.emit("bot.changed", { bot });
  forgetOrgConfig(ctx);
  return bot;
}

export async function renameBot(ctx: CommandContext, botId: string, name: string) {
  const [clash] = await ctx.tx
    .select({ id: bots.id })
    .from(bots)
    .where(and(eq(bots.orgId, ctx.orgId), eq(bots.name, name)));
  if (clash && clash.id !== botId) throw conflict("A bot with this name already exists.", "name");
  const [bot] = await ctx.tx
    .update(bots)
    .set({ name })
    .where(and(eq(bots.orgId, ctx.orgId), eq(bots.id, botId)))
    .returning({ id: bots.id, name: bots.name });
  if (!bot) throw notFound("bot");
  ctx.emit("bot.changed", { bot });
  forgetOrgConfig(ctx);
  return bot;
}

export async function deleteBot(ctx: CommandContext, botId: string) {
  const [bot] = await ctx.tx
    .select({ id: bots.id })
    .from(bots)
    .where(and(eq(bots.orgId, ctx.orgId), eq(bots.id, botId)));
  if (!bot) throw notFound("bot");
  const [{ used }] = await ctx.tx
    .select({ used: sql<number>`count(*)::int` })
    .from(conversations)
    .where(eq(conversations.botId, botId));
  if (used > 0)
    throw conflict(`This bot has handed over ${used} conversation${used === 1 ? "" : "s"}; it stays for the reports.`);
  await ctx.tx.delete(bots).where(eq(bots.id, botId));
  ctx.emit("bot.deleted", { botId });
  forgetOrgConfig(ctx);
}

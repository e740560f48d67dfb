// A bot hands a customer over: the request is routed to a team and queued as a new conversation's
// first session, with the bot's transcript stored as its first messages.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { handoffRequestSchema } from "../../../shared/sessions";
import type { Tx } from "../../db/client";
import { bots, conversations, customers, messages, sessions } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { assignWaiting } from "../assignment";
import { newCustomerToken } from "../auth";
import { notFound } from "../errors";
import { routeRequest } from "../routing";
import { presentLiveSession } from "./present";

export type Handoff = z.output<typeof handoffRequestSchema>;

export async function createHandoff(ctx: CommandContext, request: Handoff) {
  const { tx, orgId, now } = ctx;
  const bot = await resolveBot(ctx, request.bot);
  const customer = await upsertCustomer(tx, orgId, request.customer);
  const { team, rule } = await routeRequest(tx, orgId, request.attributes);

  const conversationId = randomUUID();
  const customerToken = newCustomerToken();
  const sessionId = randomUUID();
  await tx.insert(conversations).values({
    id: conversationId,
    orgId,
    customerId: customer.id,
    botId: bot.id,
    channelName: request.channel.name,
    channelType: request.channel.type,
    attributes: request.attributes,
    createdAt: now,
    customerTokenHash: customerToken.hash,
  });
  await tx.insert(sessions).values({
    id: sessionId,
    orgId,
    conversationId,
    teamId: team.id,
    routingRuleId: rule?.id ?? null,
    status: "queued",
    queuedAt: now,
  });
  if (request.history.length > 0) {
    // The transcript keeps its order even when the bot sent no timestamps.
    const start = now.getTime() - request.history.length;
    await tx.insert(messages).values(
      request.history.map((entry, i) => ({
        id: randomUUID(),
        orgId,
        conversationId,
        author: entry.author,
        body: entry.body,
        createdAt: entry.at ? new Date(entry.at) : new Date(start + i),
      })),
    );
  }
  ctx.emit("session.queued", {
    session: presentLiveSession({
      id: sessionId,
      conversationId,
      status: "queued",
      queuedAt: now,
      acceptedAt: null,
      customerId: customer.id,
      customerName: customer.name,
      agentId: null,
      agentName: null,
      teamId: team.id,
      teamName: team.name,
      botId: bot.id,
      botName: bot.name,
      channelName: request.channel.name,
      channelType: request.channel.type,
    }),
  });
  assignWaiting(ctx, [team.id]);
  return { conversationId, sessionId, team, routingRuleId: rule?.id ?? null, customerToken: customerToken.token };
}

async function resolveBot(ctx: CommandContext, ref: Handoff["bot"]) {
  const { tx, orgId } = ctx;
  if ("id" in ref) {
    const [bot] = await tx
      .select({ id: bots.id, name: bots.name })
      .from(bots)
      .where(and(eq(bots.orgId, orgId), eq(bots.id, ref.id)));
    if (!bot) throw notFound("bot", "bot.id");
    return bot;
  }
  // A bot platform names its bot; the first hand-off of a new name registers it.
  const byName = () =>
    tx
      .select({ id: bots.id, name: bots.name })
      .from(bots)
      .where(and(eq(bots.orgId, orgId), eq(bots.name, ref.name)));
  const [known] = await byName();
  if (known) return known;
  const [created] = await tx
    .insert(bots)
    .values({ id: randomUUID(), orgId, name: ref.name, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: bots.id, name: bots.name });
  if (created) {
    ctx.emit("bot.changed", { bot: created });
    return created;
  }
  const [registeredMeanwhile] = await byName();
  return registeredMeanwhile;
}

async function upsertCustomer(tx: Tx, orgId: string, customer: Handoff["customer"]) {
  const values = { id: randomUUID(), orgId, name: customer.name, email: customer.email ?? null };
  if (!customer.externalId) {
    await tx.insert(customers).values(values);
    return values;
  }
  const [row] = await tx
    .insert(customers)
    .values({ ...values, externalId: customer.externalId })
    .onConflictDoUpdate({
      target: [customers.orgId, customers.externalId],
      targetWhere: sql`${customers.externalId} is not null`,
      set: { name: customer.name, email: customer.email ?? sql`${customers.email}` },
    })
    .returning({ id: customers.id, name: customers.name });
  return row;
}

// A bot hands a customer over: the request is routed to a team and queued as a new conversation's
// first session, with the bot's transcript stored as its first messages. Routing reads the organization's
// configuration from memory (org-config.ts) and the rows are written in one statement: a hand-off is the
// write path's most frequent command.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { handoffRequestSchema } from "../../../shared/sessions";
import { bots, conversations, customers, messages, sessions } from "../../db/schema";
import type { CommandContext } from "../../events/writer";
import { assignWaiting } from "../assignment";
import { newCustomerToken } from "../auth";
import { notFound } from "../errors";
import { forgetOrgConfig, type OrgConfig, orgConfig, route } from "../org-config";
import { presentLiveSession } from "./present";

export type Handoff = z.output<typeof handoffRequestSchema>;

export async function createHandoff(ctx: CommandContext, request: Handoff) {
  const { tx, orgId, now } = ctx;
  const config = await orgConfig(ctx);
  const bot = await resolveBot(ctx, config, request.bot);
  const { team, rule } = route(config, request.attributes);

  const customerId = randomUUID();
  const conversationId = randomUUID();
  const customerToken = newCustomerToken();
  const sessionId = randomUUID();
  // The transcript keeps its order even when the bot sent no timestamps.
  const start = now.getTime() - request.history.length;
  const history = request.history.map((entry, i) => ({
    id: randomUUID(),
    author: entry.author,
    body: entry.body,
    at: entry.at ? new Date(entry.at).toISOString() : new Date(start + i).toISOString(),
  }));
  const { customer } = request;
  // A customer with an external id is the same customer on every hand-off: their name and (when given)
  // email are brought up to date.
  const result = await tx.execute(sql`
    with customer as (
      insert into ${customers} (id, org_id, name, email, external_id)
      values (${customerId}, ${orgId}, ${customer.name}, ${customer.email ?? null}, ${customer.externalId ?? null})
      on conflict (org_id, external_id) where external_id is not null
      do update set name = excluded.name, email = coalesce(excluded.email, ${customers}.email)
      returning id, name
    ), conversation as (
      insert into ${conversations}
        (id, org_id, customer_id, bot_id, channel_name, channel_type, attributes, created_at, customer_token_hash)
      select ${conversationId}::uuid, ${orgId}::uuid, customer.id, ${bot.id}::uuid, ${request.channel.name}::text,
        ${request.channel.type}::text, ${JSON.stringify(request.attributes)}::jsonb, ${now.toISOString()}::timestamptz,
        ${customerToken.hash}::text
      from customer
      returning id
    ), session as (
      insert into ${sessions} (id, org_id, conversation_id, team_id, routing_rule_id, status, queued_at)
      select ${sessionId}::uuid, ${orgId}::uuid, conversation.id, ${team.id}::uuid, ${rule?.id ?? null}::uuid, 'queued',
        ${now.toISOString()}::timestamptz
      from conversation
      returning id
    ), transcript as (
      insert into ${messages} (id, org_id, conversation_id, author, body, created_at)
      select m.id, ${orgId}::uuid, conversation.id, m.author, m.body, m.at
      from conversation, jsonb_to_recordset(${JSON.stringify(history)}::jsonb) as m(id uuid, author text, body text, at timestamptz)
    )
    select customer.id, customer.name from customer, session
  `);
  const [written] = (result as unknown as { rows: { id: string; name: string }[] }).rows;
  ctx.emit("session.queued", {
    session: presentLiveSession({
      id: sessionId,
      conversationId,
      status: "queued",
      queuedAt: now,
      acceptedAt: null,
      customerId: written.id,
      customerName: written.name,
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
  assignWaiting(ctx, { teams: [team.id] });
  return { conversationId, sessionId, team, routingRuleId: rule?.id ?? null, customerToken: customerToken.token };
}

/**
 * The bot by id or name; a name never seen is registered by the first hand-off that uses it, one
 * registration at a time per organization, so two batches registering names cannot deadlock.
 */
async function resolveBot(ctx: CommandContext, config: OrgConfig, ref: Handoff["bot"]) {
  if ("id" in ref) {
    const bot = config.bots.byId.get(ref.id);
    if (!bot) throw notFound("bot", "bot.id");
    return bot;
  }
  const known = config.bots.byName.get(ref.name);
  if (known) return known;
  const { tx, orgId } = ctx;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`bots:${orgId}`}, 0))`);
  const [registeredMeanwhile] = await tx
    .select({ id: bots.id, name: bots.name })
    .from(bots)
    .where(and(eq(bots.orgId, orgId), eq(bots.name, ref.name)));
  if (registeredMeanwhile) return registeredMeanwhile;
  const [created] = await tx
    .insert(bots)
    .values({ id: randomUUID(), orgId, name: ref.name, createdAt: ctx.now })
    .returning({ id: bots.id, name: bots.name });
  ctx.emit("bot.changed", { bot: created });
  forgetOrgConfig(ctx);
  return created;
}

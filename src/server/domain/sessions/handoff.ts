// A bot hands a customer over: the request is routed to a team and queued as a new conversation's
// first session, with the bot's transcript stored as its first messages. Routing reads the organization's
// configuration from memory (org-config.ts), and the rows of every hand-off of a transaction are written
// in one statement just before COMMIT: a hand-off is the write path's most frequent command.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { handoffRequestSchema } from "../../../shared/sessions";
import { rowsOf } from "../../db/client";
import { bots, conversations, customers, messages, sessions, teams } from "../../db/schema";
import type { CommandContext, DeferredContext } from "../../events/writer";
import { assignWaiting } from "../assignment";
import { newCustomerToken } from "../auth";
import { notFound } from "../errors";
import { currentOrgConfig, forgetOrgConfig, type OrgConfig, orgConfig, route } from "../org-config";
import { presentLiveSession } from "./present";

export type Handoff = z.output<typeof handoffRequestSchema>;

/** A routed hand-off waiting to be written with the others of its transaction. */
interface PendingHandoff {
  customerId: string;
  name: string;
  email: string | null;
  externalId: string | null;
  conversationId: string;
  botId: string;
  channelName: string;
  channelType: string;
  attributes: Record<string, string>;
  tokenHash: string;
  sessionId: string;
  teamId: string;
  ruleId: string | null;
  history: { id: string; author: string; body: string; at: string }[];
}

const PENDING = "handoffs";

interface WrittenHandoff {
  ord: number;
  customer_id: string;
  customer_name: string;
  team_name: string;
  bot_name: string;
}

export async function createHandoff(ctx: CommandContext, request: Handoff) {
  const config = await orgConfig(ctx);
  const bot = await resolveBot(ctx, config, request.bot);
  const { team, rule } = route(config, request.attributes);

  const customerToken = newCustomerToken();
  // The transcript keeps its order even when the bot sent no timestamps.
  const start = ctx.now.getTime() - request.history.length;
  const handoff: PendingHandoff = {
    customerId: randomUUID(),
    name: request.customer.name,
    email: request.customer.email ?? null,
    externalId: request.customer.externalId ?? null,
    conversationId: randomUUID(),
    botId: bot.id,
    channelName: request.channel.name,
    channelType: request.channel.type,
    attributes: request.attributes,
    tokenHash: customerToken.hash,
    sessionId: randomUUID(),
    teamId: team.id,
    ruleId: rule?.id ?? null,
    history: request.history.map((entry, i) => ({
      id: randomUUID(),
      author: entry.author,
      body: entry.body,
      at: entry.at ? new Date(entry.at).toISOString() : new Date(start + i).toISOString(),
    })),
  };
  // Everything the caller is told is decided here; the rows are written with the transaction's other
  // hand-offs, in one statement, before automatic assignment looks for waiters.
  const pending = (ctx.shared.get(PENDING) as PendingHandoff[] | undefined) ?? [];
  ctx.shared.set(PENDING, [...pending, handoff]);
  ctx.beforeCommit(PENDING, writeHandoffs);
  assignWaiting(ctx, { teams: [team.id] });
  return {
    conversationId: handoff.conversationId,
    sessionId: handoff.sessionId,
    team,
    routingRuleId: handoff.ruleId,
    customerToken: customerToken.token,
  };
}

/**
 * Writes the transaction's hand-offs (customers, conversations, sessions, transcripts) in one statement,
 * then tells of each, in order. A customer with an external id is the same customer on every hand-off:
 * their name and (when given) email are brought up to date. The statement is sent, not waited for: the
 * assignment pass's statements follow it on the wire, and PostgreSQL runs them after it.
 */
async function writeHandoffs(ctx: DeferredContext) {
  const { tx, orgId, now } = ctx;
  const handoffs = ctx.shared.get(PENDING) as PendingHandoff[];
  const queuedAt = now.toISOString();
  const input = JSON.stringify(handoffs.map((h, ord) => ({ ...h, ord })));
  const statement = tx.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as h(ord int, "customerId" uuid, name text, email text,
        "externalId" text, "conversationId" uuid, "botId" uuid, "channelName" text, "channelType" text,
        attributes jsonb, "tokenHash" text, "sessionId" uuid, "teamId" uuid, "ruleId" uuid, history jsonb)
    ), latest as (
      -- One row per customer: a returning customer handed off twice in this batch is written once, with the
      -- later name and the last email given, as if the hand-offs had come one after the other.
      select distinct on (coalesce("externalId", "customerId"::text)) "customerId", name, "externalId",
        coalesce(email, (select i.email from input i where i."externalId" = input."externalId" and i.email is not null
          order by i.ord desc limit 1)) as email
      from input order by coalesce("externalId", "customerId"::text), ord desc
    ), customer as (
      insert into ${customers} (id, org_id, name, email, external_id)
      select "customerId", ${orgId}::uuid, name, email, "externalId" from latest
      on conflict (org_id, external_id) where external_id is not null
      do update set name = excluded.name, email = coalesce(excluded.email, ${customers}.email)
      returning id, name, external_id
    ), matched as (
      select input.*, customer.id as customer_id, customer.name as customer_name
      from input join customer
        on customer.id = input."customerId" or customer.external_id = input."externalId"
    ), conversation as (
      insert into ${conversations}
        (id, org_id, customer_id, bot_id, channel_name, channel_type, attributes, created_at, customer_token_hash)
      select "conversationId", ${orgId}::uuid, customer_id, "botId", "channelName", "channelType", attributes,
        ${queuedAt}::timestamptz, "tokenHash"
      from matched
    ), session as (
      insert into ${sessions} (id, org_id, conversation_id, team_id, routing_rule_id, status, queued_at)
      select "sessionId", ${orgId}::uuid, "conversationId", "teamId", "ruleId", 'queued', ${queuedAt}::timestamptz
      from matched
    ), transcript as (
      insert into ${messages} (id, org_id, conversation_id, author, body, created_at)
      select m.id, ${orgId}::uuid, input."conversationId", m.author, m.body, m.at
      from input, jsonb_to_recordset(input.history) as m(id uuid, author text, body text, at timestamptz)
    )
    -- Names as this transaction leaves them (a command after the hand-off may have renamed its team or bot);
    -- a team deleted by such a command is missing here, and the batch then fails and reruns command by command.
    select ord, customer_id, customer_name, team.name as team_name, bot.name as bot_name
    from matched
      join ${teams} team on team.id = matched."teamId" and team.deleted_at is null
      join ${bots} bot on bot.id = matched."botId"
    order by ord
  `);
  ctx.settle(statement.then((result) => tellOfHandoffs(ctx, handoffs, rowsOf<WrittenHandoff>(result))));
}

function tellOfHandoffs(ctx: CommandContext, handoffs: PendingHandoff[], written: WrittenHandoff[]) {
  const { now } = ctx;
  if (written.length !== handoffs.length) throw new Error(`wrote ${written.length} of ${handoffs.length} hand-offs`);
  for (const { ord, customer_id, customer_name, team_name, bot_name } of written) {
    const h = handoffs[ord];
    ctx.emit("session.queued", {
      session: presentLiveSession({
        id: h.sessionId,
        conversationId: h.conversationId,
        status: "queued",
        queuedAt: now,
        acceptedAt: null,
        customerId: customer_id,
        customerName: customer_name,
        agentId: null,
        agentName: null,
        teamId: h.teamId,
        teamName: team_name,
        botId: h.botId,
        botName: bot_name,
        channelName: h.channelName,
        channelType: h.channelType,
      }),
    });
  }
}

/**
 * The bot by id or name; a name never seen is registered by the first hand-off that uses it, one
 * registration at a time per organization, so two batches registering names cannot deadlock.
 */
async function resolveBot(ctx: CommandContext, config: OrgConfig, ref: Handoff["bot"]) {
  if ("id" in ref) {
    const bot = config.bots.byId.get(ref.id) ?? (await currentOrgConfig(ctx)).bots.byId.get(ref.id);
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

// Thirty days of history for a freshly created demo organization, so a newcomer opens Reports to full
// charts. Thousands of chats through the HTTP API (or one command each through the writer) would keep
// `npm start` busy for minutes, so this is a DEDICATED BULK INSERT that writes the rows exactly as the
// domain's commands do (src/server/domain/sessions/{handoff,accept,transfer,end}.ts, messages.ts):
// - a hand-off: a new customer, a conversation (bot, channel, attributes) and its first leg, queued in the
//   team the newest matching rule names (or the default team), with the rule recorded; the bot's
//   transcript as the first messages, a millisecond apart, just before the hand-off;
// - accept: the leg becomes active with a live agent of its team and acceptedAt;
// - chat lines: customer and agent messages on the leg;
// - transfer: the leg ends `transferred` (endedBy agent), a new leg of the same conversation is queued in
//   another team with previousSessionId and the note, and a system message "Transferred to …: note";
// - end: resolved by the agent, or `customer_left` when the customer leaves — while queued (abandoned) or
//   mid-chat; the conversation's endedAt is set.
// No events are written: the live feed carries changes from now on (and prunes older ones anyway).
// Deterministic (a seeded generator), so every fresh demo shows the same month.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { bots, conversations, customers, messages, routingRules, sessions, teamMembers, teams } from "../db/schema";

const FIRST = ["Olivia", "Noah", "Emma", "Liam", "Mia", "Lucas", "Zara", "Mateo", "Chloe", "Arjun", "Fatima", "Kenji"];
const LAST = ["Smith", "García", "Chen", "Müller", "Okoye", "Rossi", "Kowalski", "Haddad", "Silva", "Nguyen"];
const CHANNELS = [
  { name: "Website", type: "web", weight: 5 },
  { name: "WhatsApp", type: "whatsapp", weight: 3 },
  { name: "SMS", type: "sms", weight: 1 },
  { name: "Messenger", type: "messenger", weight: 1 },
];
/** Requests per hour of the day (UTC): a working day's shape, quiet at night. */
const HOURLY = [1, 1, 1, 1, 1, 2, 3, 6, 10, 12, 12, 11, 9, 10, 11, 11, 10, 8, 6, 5, 4, 3, 2, 1];
const NOTES = ["Needs a refund", "Technical question", "Prefers Spanish", "Order issue", ""];

export interface HistoryOptions {
  days?: number;
  /** Chats on a weekday; weekends have about half. */
  perWeekday?: number;
  seed?: number;
}

/** A small, seedable generator (mulberry32): the same month every time. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoHistory(db: Db, orgId: string, now: Date, options: HistoryOptions = {}) {
  const random = generator(options.seed ?? 20_260_101);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const weighted = <T extends { weight: number }>(list: readonly T[]) => {
    let r = random() * list.reduce((sum, item) => sum + item.weight, 0);
    for (const item of list) {
      r -= item.weight;
      if (r < 0) return item;
    }
    return list[list.length - 1];
  };
  /** Log-normal around a median: most waits short, a long tail at busy hours. */
  const logNormal = (medianS: number, spread: number) => medianS * Math.exp(spread * gaussian(random));

  const org = await loadOrganization(db, orgId);
  if (org.agentsOf.size === 0 || org.bots.length === 0) return { conversations: 0, sessions: 0 };
  const days = options.days ?? 30;
  const perWeekday = options.perWeekday ?? 150;
  const hourTotal = HOURLY.reduce((a, b) => a + b, 0);
  // Up to an hour ago: the live simulator owns the present.
  const endMs = Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 3_600_000;
  const startMs = Math.floor(endMs / 86_400_000) * 86_400_000 - days * 86_400_000;

  const rows = {
    customers: [] as (typeof customers.$inferInsert)[],
    conversations: [] as (typeof conversations.$inferInsert)[],
    sessions: [] as (typeof sessions.$inferInsert)[],
    messages: [] as (typeof messages.$inferInsert)[],
  };

  for (let dayMs = startMs; dayMs < endMs; dayMs += 86_400_000) {
    const weekday = new Date(dayMs).getUTCDay();
    const dayVolume = perWeekday * (weekday === 0 || weekday === 6 ? 0.45 : 1) * (0.85 + random() * 0.3);
    for (let hour = 0; hour < 24; hour++) {
      const count = Math.round((dayVolume * HOURLY[hour]) / hourTotal + (random() - 0.5));
      const busy = HOURLY[hour] / 12;
      for (let i = 0; i < count; i++) {
        const queuedMs = dayMs + hour * 3_600_000 + Math.floor(random() * 3_600_000);
        if (queuedMs >= endMs) continue;
        placeConversation(queuedMs, busy);
      }
    }
  }

  function placeConversation(queuedMs: number, busy: number) {
    const customerName = `${pick(FIRST)} ${pick(LAST)}`;
    const customerId = randomUUID();
    rows.customers.push({
      id: customerId,
      orgId,
      name: customerName,
      email: random() < 0.7 ? `${customerName.toLowerCase().replace(/[^a-z]/g, ".")}@example.test` : null,
      createdAt: new Date(queuedMs),
    });
    const route = pick(org.routes);
    const channel = weighted(CHANNELS);
    const conversationId = randomUUID();
    const history = ["I'd like to speak to a person.", "Let me get you a human."];
    for (const [i, body] of history.entries()) {
      rows.messages.push({
        id: randomUUID(),
        orgId,
        conversationId,
        author: i % 2 === 0 ? "customer" : "bot",
        body,
        createdAt: new Date(queuedMs - history.length + i),
      });
    }

    let legStart = queuedMs;
    let teamId = route.teamId;
    let ruleId: string | null = route.ruleId;
    let previous: { id: string; note: string | null } | null = null;
    // A transfer's system message names the next leg before that leg is written.
    let nextLegId: string | null = null;
    for (let leg = 0; ; leg++) {
      const sessionId = nextLegId ?? randomUUID();
      const base = {
        id: sessionId,
        orgId,
        conversationId,
        teamId,
        routingRuleId: ruleId,
        queuedAt: new Date(legStart),
      };
      const link = previous ? { previousSessionId: previous.id, transferNote: previous.note } : {};
      const waitMs = Math.round(logNormal(25 + 40 * busy, 0.9) * 1000);
      if (random() < 0.05 + 0.04 * busy) {
        // The customer gave up while queued: abandoned.
        const endedMs = legStart + waitMs;
        rows.sessions.push({
          ...base,
          ...link,
          status: "ended",
          endedAt: new Date(endedMs),
          endReason: "customer_left",
          endedBy: "customer",
        });
        finish(endedMs);
        return;
      }
      const acceptedMs = legStart + waitMs;
      const agentId = pick(org.agentsOf.get(teamId) ?? [...org.agentsOf.values()][0]);
      const handleMs = Math.round((90 + random() * 780) * 1000);
      const endedMs = acceptedMs + handleMs;
      chatLines(conversationId, sessionId, agentId, acceptedMs, endedMs);
      const transfers = leg === 0 && random() < 0.08 && org.teamIds.length > 1;
      const leftMidChat = !transfers && random() < 0.12;
      rows.sessions.push({
        ...base,
        ...link,
        agentId,
        status: "ended",
        acceptedAt: new Date(acceptedMs),
        endedAt: new Date(endedMs),
        endReason: transfers ? "transferred" : leftMidChat ? "customer_left" : "resolved",
        endedBy: leftMidChat ? "customer" : "agent",
      });
      if (!transfers) {
        finish(endedMs);
        return;
      }
      const target = pick(org.teamIds.filter((id) => id !== teamId));
      const note = pick(NOTES) || null;
      const nextId = randomUUID();
      rows.messages.push({
        id: randomUUID(),
        orgId,
        conversationId,
        sessionId: nextId,
        author: "system",
        body: note
          ? `Transferred to ${org.teamNames.get(target)}: ${note}`
          : `Transferred to ${org.teamNames.get(target)}`,
        createdAt: new Date(endedMs),
      });
      previous = { id: sessionId, note };
      nextLegId = nextId;
      legStart = endedMs;
      teamId = target;
      ruleId = null;
    }

    function finish(endedMs: number) {
      rows.conversations.push({
        id: conversationId,
        orgId,
        customerId,
        botId: weighted(org.bots).id,
        channelName: channel.name,
        channelType: channel.type,
        attributes: route.attributes,
        createdAt: new Date(queuedMs),
        endedAt: new Date(endedMs),
      });
    }
  }

  function chatLines(conversationId: string, sessionId: string, agentId: string, fromMs: number, toMs: number) {
    const lines = 2 + Math.floor(random() * 3);
    for (let i = 0; i < lines; i++) {
      const isAgent = i % 2 === 0;
      rows.messages.push({
        id: randomUUID(),
        orgId,
        conversationId,
        sessionId,
        author: isAgent ? "agent" : "customer",
        agentId: isAgent ? agentId : null,
        body: isAgent ? "Let me look into that for you." : "Thanks, that helps!",
        createdAt: new Date(fromMs + Math.floor(((i + 1) * (toMs - fromMs)) / (lines + 1))),
      });
    }
  }

  // Parents first; in chunks that stay well inside PostgreSQL's limit of parameters per statement.
  await db.transaction(async (tx) => {
    for (const [table, values] of [
      [customers, rows.customers],
      [conversations, rows.conversations],
      [sessions, rows.sessions],
      [messages, rows.messages],
    ] as const) {
      for (let i = 0; i < values.length; i += 500) await tx.insert(table).values(values.slice(i, i + 500) as never);
    }
  });
  return { conversations: rows.conversations.length, sessions: rows.sessions.length };
}

/** Standard normal by Box–Muller. */
function gaussian(random: () => number) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** What routing can choose from: each team with the newest enabled rule that sends requests there. */
async function loadOrganization(db: Db, orgId: string) {
  const teamRows = await db
    .select({ id: teams.id, name: teams.name, isDefault: teams.isDefault })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), isNull(teams.deletedAt)));
  const ruleRows = await db
    .select({ id: routingRules.id, teamId: routingRules.teamId, conditions: routingRules.conditions })
    .from(routingRules)
    .where(and(eq(routingRules.orgId, orgId), isNull(routingRules.deletedAt), eq(routingRules.enabled, true)));
  const members = await db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.orgId, orgId));
  const botRows = await db.select({ id: bots.id }).from(bots).where(eq(bots.orgId, orgId));
  const agentsOf = new Map<string, string[]>();
  for (const m of members) agentsOf.set(m.teamId, [...(agentsOf.get(m.teamId) ?? []), m.userId]);
  const staffed = teamRows.filter((t) => agentsOf.has(t.id));
  const defaultTeam = teamRows.find((t) => t.isDefault);
  // A rule's conditions are the attributes that route to it; no attributes reach the default team.
  const routes = [
    ...ruleRows
      .filter((r) => agentsOf.has(r.teamId))
      .map((r) => ({
        teamId: r.teamId,
        ruleId: r.id as string | null,
        attributes: Object.fromEntries(r.conditions.map((c) => [c.key, c.value])),
      })),
    ...(defaultTeam && agentsOf.has(defaultTeam.id)
      ? [
          { teamId: defaultTeam.id, ruleId: null, attributes: {} },
          { teamId: defaultTeam.id, ruleId: null, attributes: {} },
        ]
      : []),
  ];
  return {
    routes: routes.length > 0 ? routes : staffed.map((t) => ({ teamId: t.id, ruleId: null, attributes: {} })),
    teamIds: staffed.map((t) => t.id),
    teamNames: new Map(teamRows.map((t) => [t.id, t.name])),
    agentsOf,
    bots: botRows.length > 0 ? botRows.map((b) => ({ ...b, weight: 1 })) : [],
  };
}

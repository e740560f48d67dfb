// Reports against hand-computed figures: every chat is placed in time with the manual clock and made through
// the real API, so the figures are those of rows the product itself wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, handoff, type TestOrg } from "../../../../test/support/fixtures";
import { accept, end, moveClockTo, placeChat, reportQuery, seconds, transfer } from "../../../../test/support/history";
import { startTestServer } from "../../../../test/support/server";
import { RANGE_TOO_LONG } from "../../../shared/report-range";
import type { ReportSession, ReportSummary } from "../../../shared/reports";
import { manualClock } from "../../clock";
import type { Server } from "../../main";

const clock = manualClock(new Date("2026-03-02T08:00:00Z"));
let server: Server;
beforeAll(async () => {
  // Each test signs its people in (for 12 hours) and then only moves the clock back, or less than that forward.
  server = await startTestServer({ clock });
});
afterAll(() => server?.close());

const DAY = "2026-03-02";
const dayRange = (day: string) => ({ from: `${day}T00:00:00.000Z`, to: nextDay(day) });
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

async function summary(org: TestOrg, from: string, to: string, extra: Record<string, string | undefined> = {}) {
  const reply = await org.supervisor.api.get(`/reports/summary?${reportQuery(from, to, extra)}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as ReportSummary;
}

async function sessionsOf(org: TestOrg, from: string, to: string, extra: Record<string, string | undefined> = {}) {
  const reply = await org.supervisor.api.get(`/reports/sessions?${reportQuery(from, to, extra)}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { sessions: ReportSession[]; nextCursor: string | null };
}

/** Chats accepted after the given waits, each talking `talkS` seconds, an hour apart from 09:00. */
async function answeredChats(org: TestOrg, waits: number[], talks: number[]) {
  for (const [i, waitS] of waits.entries()) {
    await placeChat(server, clock, org, {
      at: `${DAY}T${String(9 + i).padStart(2, "0")}:00:00Z`,
      waitS,
      endS: talks[i],
    });
  }
}

describe("summary figures", () => {
  it("median and p90 of an odd number of waits interpolate between the middle values", async () => {
    const org = await createTestOrg(server);
    await answeredChats(org, [10, 20, 30, 40, 100], [60, 120, 180, 240, 300]);
    const { totals } = await summary(org, dayRange(DAY).from, dayRange(DAY).to);
    expect(totals).toEqual({
      sessions: 5,
      answered: 5,
      averageWaitMs: seconds(40),
      medianWaitMs: seconds(30),
      p90WaitMs: seconds(76), // 0.9 × 4 = 3.6: 40 s + 0.6 × (100 s − 40 s)
      averageHandleMs: seconds(180),
      transfers: 0,
      abandoned: 0,
      abandonedShare: 0,
      timedOut: 0,
      timedOutShare: 0,
    });
  });

  it("median and p90 of an even number of waits", async () => {
    const org = await createTestOrg(server);
    await answeredChats(org, [10, 20, 30, 40], [60, 60, 60, 60]);
    const { totals } = await summary(org, dayRange(DAY).from, dayRange(DAY).to);
    expect(totals.medianWaitMs).toBe(seconds(25));
    expect(totals.p90WaitMs).toBe(seconds(37)); // 0.9 × 3 = 2.7: 30 s + 0.7 × 10 s
    expect(totals.averageWaitMs).toBe(seconds(25));
  });

  it("count abandoned (left while queued), timed-out and transferred legs, and the wait of every leg whose wait is over", async () => {
    const org = await createTestOrg(server);
    await placeChat(server, clock, org, { at: `${DAY}T09:00:00Z`, waitS: 30, endS: 100 });
    await placeChat(server, clock, org, { at: `${DAY}T10:00:00Z`, waitS: null, endS: 50, ending: "customer_left" });
    await placeChat(server, clock, org, { at: `${DAY}T11:00:00Z`, waitS: null, endS: 600, ending: "timed_out" });
    // Accepted after 10 s, transferred to Billing after 60 s; there accepted by Bob after 20 s, resolved after 40 s.
    moveClockTo(clock, `${DAY}T12:00:00Z`);
    const chat = await handoff(org);
    clock.advance(seconds(10));
    await accept(org, "alice", chat.sessionId);
    clock.advance(seconds(60));
    const next = await transfer(org, "alice", chat.sessionId, org.teams.billing, "Refund question");
    clock.advance(seconds(20));
    await accept(org, "bob", next);
    clock.advance(seconds(40));
    await end(server, org, next, "resolved", "bob");

    const { totals, waitDistribution } = await summary(org, dayRange(DAY).from, dayRange(DAY).to);
    expect(totals).toEqual({
      sessions: 5,
      answered: 3,
      averageWaitMs: seconds(142), // (30 + 50 + 600 + 10 + 20) / 5
      medianWaitMs: seconds(30), // 10, 20, 30, 50, 600
      p90WaitMs: seconds(380), // 50 s + 0.6 × 550 s
      averageHandleMs: Math.round((100_000 + 60_000 + 40_000) / 3),
      transfers: 1,
      abandoned: 1,
      abandonedShare: 0.2,
      timedOut: 1,
      timedOutShare: 0.2,
    });
    // 10 | 20 | 30, 50 | — | — | — | 600
    expect(waitDistribution.map((bucket) => bucket.sessions)).toEqual([1, 1, 2, 0, 0, 0, 1]);
    expect(waitDistribution[0]).toEqual({ fromMs: 0, toMs: 15_000, sessions: 1 });
    expect(waitDistribution.at(-1)).toEqual({ fromMs: 600_000, toMs: null, sessions: 1 });

    const byTeam = await summary(org, dayRange(DAY).from, dayRange(DAY).to, { groupBy: "team" });
    expect(byTeam.groups.map((g) => [g.label, g.figures.sessions, g.figures.transfers])).toEqual([
      ["General", 4, 1],
      ["Billing", 1, 0],
    ]);
    const byAgent = await summary(org, dayRange(DAY).from, dayRange(DAY).to, { groupBy: "agent" });
    expect(byAgent.groups.map((g) => [g.key, g.label, g.figures.sessions])).toEqual([
      [org.alice.user.id, "Alice Agent", 2],
      [null, "No live agent", 2],
      [org.bob.user.id, "Bob Agent", 1],
    ]);
  });

  it("an empty range has zero counts and no averages, and all 24 hours", async () => {
    const org = await createTestOrg(server);
    const byHour = await summary(org, dayRange(DAY).from, dayRange(DAY).to, { groupBy: "hour" });
    expect(byHour.totals).toEqual({
      sessions: 0,
      answered: 0,
      averageWaitMs: null,
      medianWaitMs: null,
      p90WaitMs: null,
      averageHandleMs: null,
      transfers: 0,
      abandoned: 0,
      abandonedShare: null,
      timedOut: 0,
      timedOutShare: null,
    });
    expect(byHour.waitDistribution.every((bucket) => bucket.sessions === 0)).toBe(true);
    expect(byHour.groups.map((g) => g.label)).toEqual(
      Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`),
    );
    expect(byHour.groups.every((g) => g.figures.sessions === 0)).toBe(true);
  });

  it("a session spanning midnight belongs to the day it was requested, at the hour of the caller's time zone", async () => {
    moveClockTo(clock, "2026-03-03T23:00:00Z");
    const org = await createTestOrg(server);
    await placeChat(server, clock, org, { at: "2026-03-03T23:59:30Z", waitS: 50, endS: 580 });
    const requested = await summary(org, dayRange("2026-03-03").from, dayRange("2026-03-03").to, { groupBy: "hour" });
    expect(requested.totals).toMatchObject({ sessions: 1, averageWaitMs: seconds(50), averageHandleMs: seconds(580) });
    expect(requested.groups.find((g) => g.figures.sessions > 0)?.label).toBe("23:00");
    const after = await summary(org, dayRange("2026-03-04").from, dayRange("2026-03-04").to);
    expect(after.totals.sessions).toBe(0);
    // In Berlin (UTC+1 in March) it was requested at 00:59:30.
    const berlin = await summary(org, dayRange("2026-03-03").from, dayRange("2026-03-03").to, {
      groupBy: "hour",
      tz: "Europe/Berlin",
    });
    expect(berlin.groups.find((g) => g.figures.sessions > 0)?.label).toBe("00:00");
    expect(berlin.timeZone).toBe("Europe/Berlin");
  });

  it("filters narrow the figures: team, agent, channel, bot, status and end reason", async () => {
    const org = await createTestOrg(server);
    await placeChat(server, clock, org, {
      at: `${DAY}T09:00:00Z`,
      waitS: 10,
      endS: 60,
      request: { channel: { name: "WhatsApp", type: "whatsapp" }, bot: { name: "Order Bot" } },
    });
    await placeChat(server, clock, org, { at: `${DAY}T10:00:00Z`, waitS: 20, endS: 60, agent: "bob" });
    await placeChat(server, clock, org, { at: `${DAY}T11:00:00Z`, waitS: null, endS: 30, ending: "customer_left" });
    const { from, to } = dayRange(DAY);
    const bots = (await org.supervisor.api.get("/bots")).body.bots as { id: string; name: string }[];
    const orderBot = bots.find((b) => b.name === "Order Bot")?.id;
    const count = async (filter: Record<string, string | undefined>) =>
      (await summary(org, from, to, filter)).totals.sessions;
    expect(await count({})).toBe(3);
    expect(await count({ channel: "WhatsApp" })).toBe(1);
    expect(await count({ botId: orderBot })).toBe(1);
    expect(await count({ agentId: org.bob.user.id })).toBe(1);
    expect(await count({ teamId: org.teams.general })).toBe(3);
    expect(await count({ teamId: org.teams.billing })).toBe(0);
    expect(await count({ status: "ended" })).toBe(3);
    expect(await count({ status: "queued" })).toBe(0);
    expect(await count({ endReason: "customer_left" })).toBe(1);
    const listed = await sessionsOf(org, from, to, { channel: "WhatsApp" });
    expect(listed.sessions.map((s) => s.channel.name)).toEqual(["WhatsApp"]);
    expect((await summary(org, from, to, { groupBy: "bot" })).groups.map((g) => [g.label, g.figures.sessions])).toEqual(
      [
        ["Helper Bot", 2],
        ["Order Bot", 1],
      ],
    );
    expect((await summary(org, from, to, { groupBy: "channel" })).groups.map((g) => g.label)).toEqual([
      "Website",
      "WhatsApp",
    ]);
  });
});

describe("the range of a report", () => {
  it("covers at most six months; longer is refused with a clear error", async () => {
    const org = await createTestOrg(server);
    const sixMonths = await org.supervisor.api.get(
      `/reports/summary?${reportQuery("2026-01-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z")}`,
    );
    expect(sixMonths.status).toBe(200);
    for (const path of ["/reports/summary", "/reports/sessions"]) {
      const tooLong = await org.supervisor.api.get(
        `${path}?${reportQuery("2026-01-01T00:00:00.000Z", "2026-07-03T00:00:00.000Z")}`,
      );
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error).toMatchObject({ code: "invalid_input", field: "querystring.to" });
      expect(tooLong.body.error.message).toContain(RANGE_TOO_LONG);
    }
    const backwards = await org.supervisor.api.get(
      `/reports/sessions?${reportQuery("2026-01-02T00:00:00.000Z", "2026-01-01T00:00:00.000Z")}`,
    );
    expect(backwards.status).toBe(400);
    const exportTooLong = await org.supervisor.api.post("/exports", {
      range: { from: "2026-01-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" },
    });
    expect(exportTooLong.status).toBe(400);
    expect(exportTooLong.body.error).toMatchObject({ field: "range.to" });
  });

  it("is given as two instants and an IANA time zone; anything else is refused", async () => {
    const org = await createTestOrg(server);
    const { from, to } = dayRange(DAY);
    expect(
      (await org.supervisor.api.get(`/reports/summary?${reportQuery(from, to, { tz: "Mars/Olympus" })}`)).status,
    ).toBe(400);
    expect((await org.supervisor.api.get(`/reports/summary?${reportQuery("yesterday", to)}`)).status).toBe(400);
    expect((await org.supervisor.api.get("/reports/summary")).status).toBe(400);
    expect(
      (await org.supervisor.api.get(`/reports/summary?${reportQuery(from, to, { groupBy: "weekday" })}`)).status,
    ).toBe(400);
  });
});

describe("the sessions of a report", () => {
  it("lists queued, then active, then ended rows, a page at a time with a cursor that covers each row once", async () => {
    const org = await createTestOrg(server);
    for (let i = 0; i < 5; i++) {
      await placeChat(server, clock, org, { at: `${DAY}T0${i}:00:00Z`, waitS: 10 + i, endS: 60 });
    }
    moveClockTo(clock, `${DAY}T10:00:00Z`);
    const activeLong = await handoff(org);
    await accept(org, "alice", activeLong.sessionId);
    clock.advance(seconds(30));
    const activeShort = await handoff(org);
    await accept(org, "bob", activeShort.sessionId);
    clock.advance(seconds(30));
    const queuedLong = await handoff(org);
    clock.advance(seconds(30));
    const queuedShort = await handoff(org);
    clock.advance(seconds(30));

    const { from, to } = dayRange(DAY);
    const seen: ReportSession[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const body = await sessionsOf(org, from, to, { limit: "3", cursor });
      seen.push(...body.sessions);
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(seen.map((s) => s.status)).toEqual([
      "queued",
      "queued",
      "active",
      "active",
      "ended",
      "ended",
      "ended",
      "ended",
      "ended",
    ]);
    expect(seen.slice(0, 4).map((s) => s.id)).toEqual([
      queuedLong.sessionId,
      queuedShort.sessionId,
      activeLong.sessionId,
      activeShort.sessionId,
    ]);
    // Ended: newest request first.
    expect(seen.slice(4).map((s) => s.queuedAt)).toEqual([4, 3, 2, 1, 0].map((h) => `${DAY}T0${h}:00:00.000Z`));
    expect(new Set(seen.map((s) => s.id)).size).toBe(9);
    expect(seen[0]).toMatchObject({ waitMs: seconds(60), durationMs: null, agent: null });
    expect(seen[2]).toMatchObject({ waitMs: 0, durationMs: seconds(120), agent: { name: "Alice Agent" } });
    expect(seen[4]).toMatchObject({ waitMs: seconds(14), durationMs: seconds(60), endReason: "resolved" });
  });

  it("sorts by wait, duration or request time, both ways, across pages", async () => {
    const org = await createTestOrg(server);
    const waits = [40, 10, 30, 20];
    for (const [i, waitS] of waits.entries()) {
      await placeChat(server, clock, org, { at: `${DAY}T0${i}:00:00Z`, waitS, endS: 100 - waitS });
    }
    await placeChat(server, clock, org, { at: `${DAY}T05:00:00Z`, waitS: null, endS: 5, ending: "customer_left" });
    const { from, to } = dayRange(DAY);
    const all = async (sort: string) => {
      const rows: ReportSession[] = [];
      let cursor: string | undefined;
      do {
        const body = await sessionsOf(org, from, to, { sort, limit: "2", cursor });
        rows.push(...body.sessions);
        cursor = body.nextCursor ?? undefined;
      } while (cursor);
      return rows;
    };
    expect((await all("wait")).map((s) => s.waitMs / 1000)).toEqual([5, 10, 20, 30, 40]);
    expect((await all("-wait")).map((s) => s.waitMs / 1000)).toEqual([40, 30, 20, 10, 5]);
    // A leg never accepted has no duration: last, either way.
    expect((await all("duration")).map((s) => s.durationMs && s.durationMs / 1000)).toEqual([60, 70, 80, 90, null]);
    expect((await all("-duration")).map((s) => s.durationMs && s.durationMs / 1000)).toEqual([90, 80, 70, 60, null]);
    expect((await all("requestedAt")).map((s) => s.queuedAt.slice(11, 13))).toEqual(["00", "01", "02", "03", "05"]);
    expect((await all("-requestedAt")).map((s) => s.queuedAt.slice(11, 13))).toEqual(["05", "03", "02", "01", "00"]);
  });

  it("refuses a cursor it did not give out, or one of another sort", async () => {
    const org = await createTestOrg(server);
    await answeredChats(org, [10, 20], [30, 30]);
    const { from, to } = dayRange(DAY);
    const first = await sessionsOf(org, from, to, { limit: "1" });
    const otherSort = await org.supervisor.api.get(
      `/reports/sessions?${reportQuery(from, to, { cursor: first.nextCursor ?? "", sort: "wait" })}`,
    );
    expect(otherSort.status).toBe(400);
    expect(otherSort.body.error.field).toBe("cursor");
    const forged = await org.supervisor.api.get(`/reports/sessions?${reportQuery(from, to, { cursor: "bm9wZQ" })}`);
    expect(forged.status).toBe(400);
  });

  it("opens a conversation with every leg and the transfer's note, beside its transcript", async () => {
    const org = await createTestOrg(server);
    moveClockTo(clock, `${DAY}T15:00:00Z`);
    const chat = await handoff(org, { customer: { name: "Olivia Chen" } });
    clock.advance(seconds(5));
    await accept(org, "alice", chat.sessionId);
    await org.alice.api.post(`/conversations/${chat.conversationId}/messages`, { body: "Let me check." });
    clock.advance(seconds(60));
    const next = await transfer(org, "alice", chat.sessionId, org.teams.billing, "Wants a refund");
    const reply = await org.supervisor.api.get(`/reports/conversations/${chat.conversationId}`);
    expect(reply.status).toBe(200);
    expect(reply.body.customer.name).toBe("Olivia Chen");
    expect(
      reply.body.legs.map((leg: ReportSession) => [leg.team.name, leg.status, leg.endReason, leg.transferNote]),
    ).toEqual([
      ["General", "ended", "transferred", null],
      ["Billing", "queued", null, "Wants a refund"],
    ]);
    expect(reply.body.legs[1].previousSessionId).toBe(chat.sessionId);
    expect(reply.body.legs[1].id).toBe(next);
    const messages = await org.supervisor.api.get(`/conversations/${chat.conversationId}/messages`);
    expect(messages.body.messages.map((m: { author: string }) => m.author)).toEqual([
      "customer",
      "bot",
      "agent",
      "system",
    ]);
  });
});

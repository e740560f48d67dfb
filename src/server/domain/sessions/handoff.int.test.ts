// Hand-offs that arrive together share a transaction and are written in one statement: each must still
// get its own customer, conversation, session, transcript and event, in order.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, handoffBody, type TestOrg } from "../../../../test/support/fixtures";
import { startTestServer } from "../../../../test/support/server";
import { customers, messages, sessions } from "../../db/schema";
import { readEventsAfter } from "../../events/log";
import type { Server } from "../../main";
import { systemActor } from "../actor";
import { updateTeam } from "../teams";
import { createHandoff, type Handoff } from "./handoff";

let server: Server;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server);
});
afterAll(() => server?.close());

/** Runs hand-offs through the writer in one turn of the event loop, so they are committed as one batch. */
function handoffTogether(bodies: ReturnType<typeof handoffBody>[]) {
  return Promise.all(
    bodies.map((body) => server.services.writer.run(org.org.id, (ctx) => createHandoff(ctx, body as Handoff))),
  );
}

describe("hand-offs written together", () => {
  it("each gets its own rows and event, in order; returning customers are brought up to date", async () => {
    const { db } = server.services;
    const [first] = await handoffTogether([handoffBody({ customer: { name: "Rita", externalId: "rita" } })]);
    const seqBefore = (await readEventsAfter(db, org.org.id, 0, 10_000)).at(-1)?.seq ?? 0;

    const bodies = Array.from({ length: 12 }, (_, i) =>
      handoffBody({
        customer: i === 5 ? { name: "Rita Renamed", externalId: "rita" } : { name: `Together ${i}` },
        history: [{ author: "customer", body: `question ${i}` }],
      }),
    );
    const results = await handoffTogether(bodies);

    const events = (await readEventsAfter(db, org.org.id, seqBefore, 100)).filter((e) => e.type === "session.queued");
    expect(events.map((e) => (e.data as { session: { id: string } }).session.id)).toEqual(
      results.map((r) => r.sessionId),
    );
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => seqBefore + 1 + i));
    const names = events.map((e) => (e.data as { session: { customer: { name: string } } }).session.customer.name);
    expect(names[5]).toBe("Rita Renamed");

    // Rita is one customer: the returning hand-off's session belongs to the customer of her first one.
    const rita = await db
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, org.org.id), eq(customers.externalId, "rita")));
    expect(rita).toHaveLength(1);
    expect(rita[0].name).toBe("Rita Renamed");
    const firstSession = (events[5].data as { session: { customer: { id: string } } }).session.customer.id;
    expect(firstSession).toBe(rita[0].id);

    const stored = await db
      .select({ id: sessions.id, status: sessions.status, conversationId: sessions.conversationId })
      .from(sessions)
      .where(
        inArray(
          sessions.id,
          results.map((r) => r.sessionId),
        ),
      );
    expect(stored).toHaveLength(12);
    expect(stored.every((s) => s.status === "queued")).toBe(true);
    const transcript = await db
      .select({ conversationId: messages.conversationId, body: messages.body })
      .from(messages)
      .where(
        and(
          eq(messages.orgId, org.org.id),
          inArray(
            messages.conversationId,
            results.map((r) => r.conversationId),
          ),
        ),
      );
    expect(transcript.map((m) => m.body).sort()).toEqual(bodies.map((_, i) => `question ${i}`).sort());
    for (const [i, r] of results.entries()) {
      expect(transcript.find((m) => m.conversationId === r.conversationId)?.body).toBe(`question ${i}`);
    }
    expect(first.conversationId).not.toBe(results[5].conversationId);
  });

  it("two hand-offs of one returning customer in one batch both succeed, as one customer", async () => {
    const { db } = server.services;
    const results = await handoffTogether([
      handoffBody({ customer: { name: "Sol", externalId: "sol", email: "sol@example.test" } }),
      handoffBody({ customer: { name: "Sol B", externalId: "sol" } }),
    ]);
    expect(new Set(results.map((r) => r.sessionId)).size).toBe(2);
    const sol = await db
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, org.org.id), eq(customers.externalId, "sol")));
    expect(sol).toHaveLength(1);
    // As if one came after the other: the later name, and the email the earlier one gave.
    expect(sol[0]).toMatchObject({ name: "Sol B", email: "sol@example.test" });
  });

  it("a hand-off's event names its team as the transaction leaves it, also when a later command renamed it", async () => {
    const { db, writer } = server.services;
    const seqBefore = (await readEventsAfter(db, org.org.id, 0, 10_000)).at(-1)?.seq ?? 0;
    const [handedOff] = await Promise.all([
      writer.run(org.org.id, (ctx) => createHandoff(ctx, handoffBody() as Handoff)),
      writer.run(org.org.id, (ctx) => updateTeam(ctx, org.teams.general, { name: "General_Renamed" }, systemActor)),
    ]);
    const queued = (await readEventsAfter(db, org.org.id, seqBefore, 100)).find((e) => e.type === "session.queued");
    expect(queued?.data).toMatchObject({ session: { id: handedOff.sessionId, team: { name: "General_Renamed" } } });
  });
});

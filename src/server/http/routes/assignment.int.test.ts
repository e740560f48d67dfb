// Automatic assignment over HTTP: auto-accept, the limit, capacity appearing, round-robin, queue timeout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPerson, createTestOrg, handoff, type TestOrg } from "../../../../test/support/fixtures";
import { startTestServer } from "../../../../test/support/server";
import { manualClock } from "../../clock";
import { acceptSession } from "../../domain/sessions/accept";
import { endOverdueSessions } from "../../domain/sessions/timeout";
import type { Server } from "../../main";

const clock = manualClock(new Date("2026-05-04T08:00:00Z"));
let server: Server;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server?.close());

const statusOf = async (org: TestOrg, sessionId: string) => {
  const { body } = await org.supervisor.api.get("/live-sessions");
  return body.sessions.find((s: { id: string }) => s.id === sessionId) ?? null;
};

async function autoOrg(settings: Record<string, unknown> = {}) {
  const org = await createTestOrg(server);
  const reply = await org.supervisor.api.put("/settings", { autoAccept: true, maxChatsPerAgent: 1, ...settings });
  expect(reply.status).toBe(200);
  return org;
}

describe("automatic assignment", () => {
  it("with auto-accept on, a routed request goes at once to an online agent of the team below the limit", async () => {
    const org = await autoOrg();
    const { sessionId } = await handoff(org);
    const row = await statusOf(org, sessionId);
    expect(row.status).toBe("active");
    expect([org.alice.user.id, org.bob.user.id]).toContain(row.agent.id);
  });

  it("with auto-accept off, requests wait for a manual accept", async () => {
    const org = await createTestOrg(server);
    const { sessionId } = await handoff(org);
    expect((await statusOf(org, sessionId)).status).toBe("queued");
  });

  it("with no eligible agent it queues; when capacity appears the longest waiter is assigned first", async () => {
    const org = await autoOrg();
    const first = await handoff(org);
    const second = await handoff(org); // alice and bob now have one each: at the limit
    clock.advance(1_000);
    const longest = await handoff(org);
    clock.advance(1_000);
    const newest = await handoff(org);
    expect((await statusOf(org, longest.sessionId)).status).toBe("queued");
    const busy = await statusOf(org, first.sessionId);
    const agent = busy.agent.id === org.alice.user.id ? org.alice : org.bob;
    await agent.api.post(`/sessions/${first.sessionId}/end`);
    expect(await statusOf(org, longest.sessionId)).toMatchObject({ status: "active", agent: { id: agent.user.id } });
    expect((await statusOf(org, newest.sessionId)).status).toBe("queued");
    expect((await statusOf(org, second.sessionId)).status).toBe("active");
  });

  it("capacity appears when an agent comes online, joins the team, or the limit is raised", async () => {
    const org = await autoOrg();
    await org.alice.api.put(`/agents/${org.alice.user.id}/status`, { status: "away" });
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    const a = await handoff(org);
    clock.advance(1_000);
    const b = await handoff(org);
    clock.advance(1_000);
    const c = await handoff(org);
    expect((await statusOf(org, a.sessionId)).status).toBe("queued");
    await org.alice.api.put(`/agents/${org.alice.user.id}/status`, { status: "online" });
    expect(await statusOf(org, a.sessionId)).toMatchObject({ status: "active", agent: { id: org.alice.user.id } });
    const carol = await createPerson(server, org.org.id, ["agent"], { name: "Carol New", online: true });
    await org.supervisor.api.put(`/teams/${org.teams.general}/members/${carol.user.id}`);
    expect(await statusOf(org, b.sessionId)).toMatchObject({ status: "active", agent: { id: carol.user.id } });
    await org.supervisor.api.put("/settings", { maxChatsPerAgent: 2 });
    expect((await statusOf(org, c.sessionId)).status).toBe("active");
  });

  it("only online agents are assigned, and a manual accept stays allowed above the limit", async () => {
    const org = await autoOrg();
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    await handoff(org); // alice: 1, at the limit
    const waiting = await handoff(org);
    expect((await statusOf(org, waiting.sessionId)).status).toBe("queued");
    const manual = await org.alice.api.post(`/sessions/${waiting.sessionId}/accept`);
    expect(manual.status).toBe(200);
    const { body } = await org.supervisor.api.get("/agents");
    expect(body.agents.find((a: { id: string }) => a.id === org.alice.user.id).activeChats).toBe(2);
  });

  it("round-robin gives the next chat to the agent online longest", async () => {
    const org = await autoOrg({ maxChatsPerAgent: 5, roundRobin: true });
    await org.alice.api.put(`/agents/${org.alice.user.id}/status`, { status: "offline" });
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "offline" });
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "online" });
    clock.advance(60_000);
    await org.alice.api.put(`/agents/${org.alice.user.id}/status`, { status: "online" });
    const first = await handoff(org);
    expect((await statusOf(org, first.sessionId)).agent.id).toBe(org.bob.user.id);
  });

  it("every assignment is an event on the live feed, marked as assigned", async () => {
    const org = await autoOrg();
    const before = (await org.supervisor.api.get("/live-sessions")).body.seq;
    const { sessionId } = await handoff(org);
    const events = await server.services.db.query.events.findMany({
      where: (e, { and, eq, gt }) => and(eq(e.orgId, org.org.id), gt(e.seq, before)),
    });
    const accepted = events.find((e) => e.type === "session.accepted");
    expect(accepted?.payload).toMatchObject({ assigned: true, session: { id: sessionId } });
  });
});

describe("queue timeout", () => {
  it("a request not accepted within N minutes ends as timed_out, exactly once, with its event", async () => {
    const org = await createTestOrg(server);
    await org.supervisor.api.put("/settings", { queueTimeoutMinutes: 5 });
    const old = await handoff(org);
    clock.advance(4 * 60_000);
    const fresh = await handoff(org);
    clock.advance(60_000 + 1);
    const sweep = () => server.services.writer.run(org.org.id, (ctx) => endOverdueSessions(ctx, 5));
    const ended = await Promise.all([sweep(), sweep(), sweep()]);
    expect(ended.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await statusOf(org, old.sessionId)).toBeNull();
    expect((await statusOf(org, fresh.sessionId)).status).toBe("queued");
    const events = await server.services.db.query.events.findMany({
      where: (e, { and, eq }) => and(eq(e.orgId, org.org.id), eq(e.type, "session.ended")),
    });
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ sessionId: old.sessionId, reason: "timed_out", endedBy: "system" }),
    ]);
  });
  it("a sweep and an accept of an overdue request in one transaction: it ends, the accept is refused, as told", async () => {
    const org = await createTestOrg(server);
    await org.supervisor.api.put("/settings", { queueTimeoutMinutes: 5 });
    const first = await handoff(org);
    const second = await handoff(org);
    clock.advance(6 * 60_000);
    const { writer } = server.services;
    // Submitted together, so one batch: the sweep ends two sessions, so its first end is not its last statement.
    const [swept, accepted] = await Promise.allSettled([
      writer.run(org.org.id, (ctx) => endOverdueSessions(ctx, 5)),
      writer.run(org.org.id, (ctx) => acceptSession(ctx, second.sessionId, org.alice.user.id)),
    ]);
    expect(swept).toEqual({ status: "fulfilled", value: 2 });
    expect(accepted).toMatchObject({ status: "rejected", reason: { code: "session_ended" } });
    expect(await statusOf(org, first.sessionId)).toBeNull();
    expect(await statusOf(org, second.sessionId)).toBeNull();
    const told = await server.services.db.query.events.findMany({
      where: (e, { eq }) => eq(e.orgId, org.org.id),
      orderBy: (e, { asc }) => asc(e.seq),
    });
    expect(told.filter((e) => JSON.stringify(e.payload).includes(second.sessionId)).map((e) => e.type)).toEqual([
      "session.queued",
      "session.ended",
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, handoff, type TestOrg } from "../../../../test/support/fixtures";
import { startTestServer } from "../../../../test/support/server";
import type { Server } from "../../main";

let server: Server;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server);
});
afterAll(() => server?.close());

describe("the life of a session over HTTP", () => {
  it("a hand-off is routed to the default team and queued", async () => {
    const { sessionId, team } = await handoff(org);
    expect(team.id).toBe(org.teams.general);
    const snapshot = await org.supervisor.api.get("/live-sessions");
    expect(snapshot.status).toBe(200);
    const row = snapshot.body.sessions.find((s: { id: string }) => s.id === sessionId);
    expect(row).toMatchObject({
      status: "queued",
      agent: null,
      team: { id: org.teams.general },
      channel: { name: "Website", type: "web" },
    });
  });

  it("an online agent of the team accepts; the wait freezes at acceptedAt", async () => {
    const { sessionId } = await handoff(org);
    const accepted = await org.alice.api.post(`/sessions/${sessionId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "active", agentId: org.alice.user.id });
    expect(accepted.body.acceptedAt).not.toBeNull();
  });

  it("when many accept at once exactly one wins and the others hear who has it", async () => {
    const { sessionId } = await handoff(org);
    const replies = await Promise.all([
      ...Array.from({ length: 5 }, () => org.alice.api.post(`/sessions/${sessionId}/accept`)),
      ...Array.from({ length: 5 }, () => org.bob.api.post(`/sessions/${sessionId}/accept`)),
    ]);
    const winners = replies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const losers = replies.filter((r) => r.status === 409);
    expect(losers).toHaveLength(9);
    const winnerName = winners[0].body.agentId === org.alice.user.id ? "Alice Agent" : "Bob Agent";
    const otherAgentLosers = losers.filter((r) => r.body.error.message.includes(winnerName));
    expect(otherAgentLosers).toHaveLength(5);
    expect(losers.every((r) => r.body.error.code === "already_taken")).toBe(true);
  });

  it("a transfer ends the leg and queues a new one with fresh timers in the target team", async () => {
    const { sessionId, conversationId } = await handoff(org);
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    const transfer = await org.alice.api.post(`/sessions/${sessionId}/transfer`, {
      teamId: org.teams.billing,
      note: "Refund question",
    });
    expect(transfer.status).toBe(200);
    expect(transfer.body.ended).toMatchObject({ id: sessionId, status: "ended", endReason: "transferred" });
    expect(transfer.body.queued).toMatchObject({
      conversationId,
      status: "queued",
      teamId: org.teams.billing,
      previousSessionId: sessionId,
      transferNote: "Refund question",
      acceptedAt: null,
    });
    const snapshot = await org.supervisor.api.get("/live-sessions");
    const ids = snapshot.body.sessions.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(sessionId);
    expect(ids).toContain(transfer.body.queued.id);
    const messages = await org.supervisor.api.get(`/conversations/${conversationId}/messages`);
    expect(messages.body.messages.at(-1)).toMatchObject({
      author: "system",
      body: "Transferred to Billing: Refund question",
    });
  });

  it("the agent ends a chat as resolved; the customer ends one as customer_left", async () => {
    const first = await handoff(org);
    await org.alice.api.post(`/sessions/${first.sessionId}/accept`);
    const byAgent = await org.alice.api.post(`/sessions/${first.sessionId}/end`, {});
    expect(byAgent.body).toMatchObject({ status: "ended", endReason: "resolved" });
    const second = await handoff(org);
    const byCustomer = await org.bot.post(`/sessions/${second.sessionId}/end`, {});
    expect(byCustomer.body).toMatchObject({ status: "ended", endReason: "customer_left" });
    const again = await org.alice.api.post(`/sessions/${first.sessionId}/end`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("session_ended");
  });

  it("only an online agent of the session's team may accept", async () => {
    const { sessionId } = await handoff(org);
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    const away = await org.bob.api.post(`/sessions/${sessionId}/accept`);
    expect(away.status).toBe(409);
    expect(away.body.error.code).toBe("agent_not_online");
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "online" });
  });

  it("messages flow both ways and a retried send is stored once", async () => {
    const { sessionId, conversationId } = await handoff(org);
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    const id = crypto.randomUUID();
    const first = await org.bot.post(`/conversations/${conversationId}/messages`, { id, body: "Hello?" });
    const retry = await org.bot.post(`/conversations/${conversationId}/messages`, { id, body: "Hello?" });
    expect([first.status, retry.status]).toEqual([201, 200]);
    const reply = await org.alice.api.post(`/conversations/${conversationId}/messages`, { body: "Hi, I'm Alice" });
    expect(reply.body).toMatchObject({ author: "agent", agentId: org.alice.user.id });
    const list = await org.alice.api.get(`/conversations/${conversationId}/messages`);
    expect(list.body.messages.map((m: { body: string }) => m.body)).toEqual([
      "My order has not arrived",
      "Let me get you a human.",
      "Hello?",
      "Hi, I'm Alice",
    ]);
  });
});

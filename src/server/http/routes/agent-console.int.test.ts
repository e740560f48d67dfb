// The live agent's API: the inbox, a live stream narrowed to the agent's teams and chats, closing a chat
// the customer ended, typing, and quick responses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../../test/support/api";
import { createPerson, createTestOrg, handoff, type TestOrg } from "../../../../test/support/fixtures";
import { startTestServer } from "../../../../test/support/server";
import { openStream } from "../../../../test/support/sse";
import type { Server } from "../../main";

let server: Server;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server);
});
afterAll(() => server?.close());

const ids = (list: { id: string }[]) => list.map((s) => s.id);

describe("the agent's inbox", () => {
  it("holds the queue of the agent's teams and the agent's own chats, with the customer's details", async () => {
    const local = await createTestOrg(server);
    const dana = await createPerson(server, local.org.id, ["agent"], {
      name: "Dana Billing",
      teamIds: [local.teams.billing],
      online: true,
    });
    const general = await handoff(local, { attributes: { plan: "gold" } });
    const toBilling = await handoff(local);
    await local.alice.api.post(`/sessions/${toBilling.sessionId}/transfer`, {
      teamId: local.teams.billing,
      note: "Refund",
    });
    const { body } = await dana.api.get("/agent/inbox");
    expect(body.queued).toHaveLength(1);
    expect(body.queued[0]).toMatchObject({
      transferNote: "Refund",
      team: { name: "Billing" },
      previousSessionId: toBilling.sessionId,
    });
    expect(ids(body.queued)).not.toContain(general.sessionId);
    await dana.api.post(`/sessions/${body.queued[0].id}/accept`);
    const after = (await dana.api.get("/agent/inbox")).body;
    expect(after.queued).toEqual([]);
    expect(after.chats[0]).toMatchObject({
      status: "active",
      customerEmail: "customer@example.test",
      agent: { name: "Dana Billing" },
    });
    const alice = (await local.alice.api.get("/agent/inbox")).body;
    expect(alice.queued[0]).toMatchObject({ id: general.sessionId, attributes: { plan: "gold" } });
  });

  it("a chat the customer ended stays in the list, marked, until the agent closes it", async () => {
    const { sessionId } = await handoff(org);
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    await org.bot.post(`/sessions/${sessionId}/end`);
    const before = (await org.alice.api.get("/agent/inbox")).body.chats.find((c: { id: string }) => c.id === sessionId);
    expect(before).toMatchObject({ status: "ended", endReason: "customer_left" });
    expect((await org.bob.api.post(`/sessions/${sessionId}/close`)).status).toBe(403);
    expect((await org.alice.api.post(`/sessions/${sessionId}/close`)).status).toBe(204);
    expect(ids((await org.alice.api.get("/agent/inbox")).body.chats)).not.toContain(sessionId);
  });

  it("closing is only for chats that have ended", async () => {
    const { sessionId } = await handoff(org);
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    const reply = await org.alice.api.post(`/sessions/${sessionId}/close`);
    expect(reply.status).toBe(409);
  });
});

describe("the agent's live stream", () => {
  it("carries the agent's teams' queue and own chats, and not other teams' requests or other chats' messages", async () => {
    const local = await createTestOrg(server);
    const dana = await createPerson(server, local.org.id, ["agent"], {
      name: "Dana",
      teamIds: [local.teams.billing],
      online: true,
    });
    const { seq } = (await dana.api.get("/agent/inbox")).body;
    const stream = await openStream(`${server.url}/api/v1/agent/stream?after=${seq}`, dana.api.headers());
    const elsewhere = await handoff(local); // General: not Dana's team
    await local.alice.api.post(`/sessions/${elsewhere.sessionId}/accept`);
    await local.alice.api.post(`/conversations/${elsewhere.conversationId}/messages`, { body: "not for Dana" });
    const mine = await handoff(local);
    const moved = await local.alice.api.post(`/sessions/${mine.sessionId}/transfer`, { teamId: local.teams.billing });
    await dana.api.post(`/sessions/${moved.body.queued.id}/accept`);
    await local.bot.post(`/conversations/${mine.conversationId}/messages`, { body: "for Dana" });
    await new ApiClient(server.url, { key: mine.customerToken }).post("/widget/typing");
    await stream.waitFor(() => stream.events().some((e) => e.type === "message.created"));
    await stream.waitFor((m) => m.some((x) => x.event === "typing"));
    stream.close();
    const seen = stream.events();
    expect(seen.map((e) => e.type)).toEqual(["session.transferred", "session.accepted", "message.created"]);
    expect(JSON.stringify(seen)).not.toContain("not for Dana");
    expect(JSON.stringify(seen)).not.toContain(elsewhere.sessionId);
  });
});

describe("quick responses", () => {
  it("supervisors manage them, agents read them, and every change is audited", async () => {
    const local = await createTestOrg(server);
    const created = await local.supervisor.api.post("/quick-responses", {
      shortcut: "greet",
      body: "Hi {{customer.name}}, I'm {{agent.firstName}}.",
    });
    expect(created.status).toBe(201);
    expect((await local.alice.api.post("/quick-responses", { shortcut: "x", body: "y" })).status).toBe(403);
    expect(
      (await local.supervisor.api.post("/quick-responses", { shortcut: "GREET", body: "again" })).body.error,
    ).toMatchObject({ code: "conflict", field: "shortcut" });
    expect(
      (await local.supervisor.api.post("/quick-responses", { shortcut: "has space", body: "x" })).body.error.field,
    ).toBe("shortcut");
    await local.supervisor.api.patch(`/quick-responses/${created.body.id}`, { body: "Hello {{customer.name}}!" });
    const list = (await local.alice.api.get("/quick-responses")).body.quickResponses;
    expect(list).toEqual([expect.objectContaining({ shortcut: "greet", body: "Hello {{customer.name}}!" })]);
    await local.supervisor.api.delete(`/quick-responses/${created.body.id}`);
    const audit = (await local.supervisor.api.get("/audit-log?kind=quick_response")).body.entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(["deleted", "updated", "created"]);
  });
});

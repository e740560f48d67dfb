// The customer chat widget's API: a hand-off without an organization key, a token good for one
// conversation only, live events of that conversation and nothing else, no internal notes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../../test/support/api";
import { createTestOrg, handoff, type TestOrg } from "../../../../test/support/fixtures";
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

async function widgetHandoff(name = "Wanda Widget") {
  const anonymous = new ApiClient(server.url);
  const reply = await anonymous.post("/widget/handoffs", {
    orgId: org.org.id,
    bot: { name: "Helper Bot" },
    customer: { name },
    history: [{ author: "customer", body: "Can I talk to someone?" }],
  });
  expect(reply.status).toBe(201);
  return { ...reply.body, customer: new ApiClient(server.url, { key: reply.body.customerToken }) } as {
    conversationId: string;
    customerToken: string;
    customer: ApiClient;
  };
}

describe("the chat widget's API", () => {
  it("hands off without an organization key and queues the request on Live Sessions", async () => {
    const { conversationId, customerToken } = await widgetHandoff();
    expect(customerToken).toMatch(/^sbc_/);
    const live = await org.supervisor.api.get("/live-sessions");
    expect(
      live.body.sessions.find((s: { conversationId: string }) => s.conversationId === conversationId),
    ).toMatchObject({
      status: "queued",
      channel: { name: "Website", type: "web" },
    });
  });

  it("answers cross-origin requests, since any page may embed the widget", async () => {
    const reply = await fetch(`${server.url}/api/v1/widget/handoffs`, {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(reply.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("an unknown organization is a 404 naming orgId", async () => {
    const reply = await new ApiClient(server.url).post("/widget/handoffs", {
      orgId: "00000000-0000-4000-8000-000000000000",
      bot: { name: "B" },
      customer: { name: "C" },
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.field).toBe("orgId");
  });

  it("shows the customer the conversation: waiting, then the agent's name and messages, never internal notes", async () => {
    const { conversationId, customer } = await widgetHandoff("Nora Notes");
    const waiting = await customer.get("/widget/conversation");
    expect(waiting.body).toMatchObject({
      conversationId,
      customerName: "Nora Notes",
      status: "queued",
      agentName: null,
    });
    const [session] = (await org.supervisor.api.get("/live-sessions")).body.sessions.filter(
      (s: { conversationId: string }) => s.conversationId === conversationId,
    );
    await org.alice.api.post(`/sessions/${session.id}/transfer`, { teamId: org.teams.billing, note: "VIP, be quick" });
    const queuedAgain = (await org.supervisor.api.get("/live-sessions")).body.sessions.find(
      (s: { conversationId: string }) => s.conversationId === conversationId,
    );
    await org.bob.api.post(`/sessions/${queuedAgain.id}/accept`);
    await org.bob.api.post(`/conversations/${conversationId}/messages`, { body: "Hi Nora, Bob here." });
    const chatting = await customer.get("/widget/conversation");
    expect(chatting.body).toMatchObject({ status: "active", agentName: "Bob Agent" });
    expect(chatting.body.messages.map((m: { body: string }) => m.body)).toEqual([
      "Can I talk to someone?",
      "Hi Nora, Bob here.",
    ]);
    expect(JSON.stringify(chatting.body)).not.toContain("VIP");
  });

  it("a retried send with the same id is stored once", async () => {
    const { customer, conversationId } = await widgetHandoff();
    const id = crypto.randomUUID();
    const first = await customer.post("/widget/messages", { id, body: "Hello?" });
    const again = await customer.post("/widget/messages", { id, body: "Hello?" });
    expect([first.status, again.status]).toEqual([201, 200]);
    const { body } = await org.supervisor.api.get(`/conversations/${conversationId}/messages`);
    expect(body.messages.filter((m: { id: string }) => m.id === id)).toHaveLength(1);
  });

  it("the customer ends the chat; it leaves Live Sessions as customer_left", async () => {
    const { customer, conversationId } = await widgetHandoff();
    expect((await customer.post("/widget/end")).status).toBe(204);
    const live = (await org.supervisor.api.get("/live-sessions")).body.sessions;
    expect(live.some((s: { conversationId: string }) => s.conversationId === conversationId)).toBe(false);
    expect((await customer.get("/widget/conversation")).body.status).toBe("ended");
    expect((await customer.post("/widget/end")).status).toBe(409);
  });

  it("a customer token reads its own conversation and cannot touch any other", async () => {
    const mine = await widgetHandoff("Mine");
    const theirs = await handoff(org);
    const other = await createTestOrg(server);
    const foreign = await handoff(other);
    for (const path of [
      `/conversations/${theirs.conversationId}/messages`,
      `/conversations/${foreign.conversationId}/messages`,
    ]) {
      expect((await mine.customer.get(path)).status).toBe(403);
      expect((await mine.customer.post(path, { body: "sneaky" })).status).toBe(403);
    }
    expect((await mine.customer.post(`/sessions/${theirs.sessionId}/end`)).status).toBe(403);
    expect((await mine.customer.get("/live-sessions")).status).toBe(403);
    expect((await new ApiClient(server.url, { key: "sbc_forged" }).get("/widget/conversation")).status).toBe(401);
  });

  it("streams the customer's own conversation only, with the agent typing, and no internal notes", async () => {
    const mine = await widgetHandoff("Streamer");
    const { seq } = (await mine.customer.get("/widget/conversation")).body;
    const stream = await openStream(`${server.url}/api/v1/widget/stream?token=${mine.customerToken}&after=${seq}`, {});
    expect(stream.status).toBe(200);
    await handoff(org); // someone else's request: not for this customer
    const [session] = (await org.supervisor.api.get("/live-sessions")).body.sessions.filter(
      (s: { conversationId: string }) => s.conversationId === mine.conversationId,
    );
    await org.alice.api.post(`/sessions/${session.id}/accept`);
    await org.alice.api.post(`/conversations/${mine.conversationId}/typing`);
    await org.alice.api.post(`/conversations/${mine.conversationId}/messages`, { body: "Hello from Alice" });
    await stream.waitFor(() => stream.events().some((e) => e.type === "message.created"));
    stream.close();
    expect(stream.events().map((e) => e.type)).toEqual(["session.accepted", "message.created"]);
    expect(stream.messages.find((m) => m.event === "typing")?.data).toContain('"from":"agent"');
    const bad = await fetch(`${server.url}/api/v1/widget/stream?token=sbc_nope`);
    expect(bad.status).toBe(401);
  });
});

// The customer chat widget in real Chromium, on the demo shop page that embeds it (PRODUCT.md, "Customer
// side"): name and question → queued in Live Sessions → an agent accepts → messages both ways within a
// second → a reload resumes the chat → the customer ends it and it leaves Live Sessions. Also: the wait
// time on the server's clock, an embed on another site, tenancy of customer tokens, and accessibility.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Server } from "../../src/server/main";
import type { LiveSession } from "../../src/shared/sessions";
import { createTestOrg, type TestOrg } from "../support/fixtures";
import { openStream } from "../support/sse";
import { expectNoAxeViolations } from "./support/axe";
import { type E2eBrowser, launchBrowser } from "./support/browser";
import { skewBrowserClock } from "./support/clock";
import { screenshot } from "./support/screenshot";
import { startE2eServer } from "./support/server";

let server: Server;
let chromium: E2eBrowser;
beforeAll(async () => {
  server = await startE2eServer();
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const DELIVERY_MS = 1_000;

async function openDemoPage(org: TestOrg, page?: Page) {
  const customer = page ?? (await chromium.newPage(server));
  await customer.goto(`/widget-demo.html?org=${org.org.id}&bot=Ava`);
  await customer.getByRole("button", { name: "Chat with us" }).click();
  return customer;
}

/** Fills the widget's form and asks for a person, as a customer would. */
async function askForHuman(page: Page, name: string, question = "Can I talk to a human about my order?") {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email (optional)").fill("carla@example.test");
  await page.getByLabel("How can we help?").fill(question);
  await page.getByRole("button", { name: "Talk to a person" }).click();
  await page.getByRole("heading", { name: "Waiting for an agent" }).waitFor();
}

async function liveSessionOf(org: TestOrg, customerName: string): Promise<LiveSession | undefined> {
  const reply = await org.supervisor.api.get<{ sessions: LiveSession[] }>("/live-sessions");
  expect(reply.status).toBe(200);
  return reply.body.sessions.find((s) => s.customer.name === customerName);
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The widget's API as a page on another site would call it. */
async function widgetApi(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function widgetHandoff(org: TestOrg, name: string) {
  const reply = await widgetApi("POST", "/widget/handoffs", undefined, {
    orgId: org.org.id,
    bot: { name: "Ava" },
    customer: { name },
    history: [
      { author: "bot", body: "Hi, I'm Ava." },
      { author: "customer", body: `${name}'s question` },
    ],
  });
  expect(reply.status).toBe(201);
  expect(reply.body.customerToken).toMatch(/^sbc_/);
  return reply.body as { conversationId: string; customerToken: string };
}

describe("the customer chat widget", () => {
  test("a customer asks for a human, chats live with the agent who accepts, survives a reload and ends the chat", async () => {
    const org = await createTestOrg(server);
    const page = await openDemoPage(org);
    await page.getByRole("heading", { name: "Chat with us" }).waitFor();
    expect(
      await page.getByLabel("Your name").evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await expectNoAxeViolations(page);

    await askForHuman(page, "Carla Customer");
    await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^0:0\d$/);
    await screenshot(page, "widget-waiting");
    const queued = await until("the queued request in Live Sessions", () => liveSessionOf(org, "Carla Customer"));
    expect(queued).toMatchObject({ status: "queued", bot: { name: "Ava" }, agent: null });
    await expectNoAxeViolations(page);

    expect((await org.alice.api.post(`/sessions/${queued.id}/accept`)).status).toBe(200);
    await page.getByRole("heading", { name: "Alice Agent" }).waitFor();
    await page.getByText("Alice Agent joined the chat").waitFor();
    expect(await liveSessionOf(org, "Carla Customer")).toMatchObject({
      status: "active",
      agent: { name: "Alice Agent" },
    });

    // Agent → customer, live, with the typing indicator first.
    const conversationId = queued.conversationId;
    expect((await org.alice.api.post(`/conversations/${conversationId}/typing`)).status).toBe(204);
    await page.getByText("Alice Agent is typing…").waitFor();
    let sentAt = Date.now();
    expect(
      (await org.alice.api.post(`/conversations/${conversationId}/messages`, { body: "Hi Carla, I'm on it." })).status,
    ).toBe(201);
    await page.getByText("Hi Carla, I'm on it.").waitFor();
    expect(Date.now() - sentAt).toBeLessThan(DELIVERY_MS);
    await page.getByText("Alice Agent is typing…").waitFor({ state: "hidden" });

    // Customer → agent: Enter sends.
    const composer = page.getByRole("textbox", { name: "Message" });
    expect(await composer.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await composer.fill("Order 1234, it never arrived.");
    sentAt = Date.now();
    await composer.press("Enter");
    const stored = await until("the customer's message in the conversation", async () => {
      const reply = await org.alice.api.get<{ messages: { author: string; body: string }[] }>(
        `/conversations/${conversationId}/messages`,
      );
      return reply.body.messages.find((m) => m.author === "customer" && m.body === "Order 1234, it never arrived.");
    });
    expect(Date.now() - sentAt).toBeLessThan(DELIVERY_MS);
    expect(stored).toBeTruthy();
    await expect.poll(() => composer.inputValue()).toBe("");
    await page.getByText("Order 1234, it never arrived.").waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, "widget-chat");

    // A reload resumes the conversation: the same panel, the same lines, still live.
    await page.reload();
    await page.getByRole("heading", { name: "Alice Agent" }).waitFor();
    await page.getByText("Hi Carla, I'm on it.").waitFor();
    await page.getByText("Order 1234, it never arrived.").waitFor();
    await page.getByText("Can I talk to a human about my order?").waitFor();
    expect(await page.getByText("Order 1234, it never arrived.").count()).toBe(1);
    sentAt = Date.now();
    await org.alice.api.post(`/conversations/${conversationId}/messages`, { body: "Found it: it ships today." });
    await page.getByText("Found it: it ships today.").waitFor();
    expect(Date.now() - sentAt).toBeLessThan(DELIVERY_MS);

    // The customer ends the chat; it leaves Live Sessions.
    await page.getByRole("button", { name: "End chat" }).click();
    await page.getByRole("button", { name: "Yes, end the chat" }).click();
    await page.getByRole("heading", { name: "Chat ended" }).waitFor();
    await page.getByText("You ended the chat.").waitFor();
    await until("the session to leave Live Sessions", async () => !(await liveSessionOf(org, "Carla Customer")));
    await expectNoAxeViolations(page);

    // After a reload the ended chat is still shown; a new chat starts on the form.
    await page.reload();
    await page.getByRole("heading", { name: "Chat ended" }).waitFor();
    await page.getByRole("button", { name: "Start a new chat" }).click();
    await page.getByRole("heading", { name: "Chat with us" }).waitFor();
    expect(await page.getByLabel("Your name").inputValue()).toBe("Carla Customer");
  });

  test("the wait time runs on the server's clock, not the page's, which is three hours off; Escape closes the panel", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newPage(server);
    await skewBrowserClock(page, -3 * 3_600_000);
    await openDemoPage(org, page);
    await askForHuman(page, "Skewed Sam");
    await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^0:0[1-3]$/);

    // Escape closes the panel and gives the focus back to the launcher; opening it again focuses the message box.
    const isFocused = (el: Element) => el === (el.getRootNode() as ShadowRoot).activeElement;
    const launcher = page.getByRole("button", { name: "Chat with us" });
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    expect(await launcher.evaluate(isFocused)).toBe(true);
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Waiting for an agent" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Message" }).evaluate(isFocused)).toBe(true);
  });

  test("a message sent while the network is down is kept, retried with its id, and stored once", async () => {
    const org = await createTestOrg(server);
    const page = await openDemoPage(org);
    await askForHuman(page, "Offline Olga");
    const queued = await until("the request", () => liveSessionOf(org, "Offline Olga"));
    await page.context().setOffline(true);
    const composer = page.getByRole("textbox", { name: "Message" });
    await composer.fill("Are you there?");
    await composer.press("Enter");
    await page.getByText("Not sent yet — retrying").waitFor();
    await page.context().setOffline(false);
    await page.getByText("Not sent yet — retrying").waitFor({ state: "detached" });
    const messages = async () =>
      (
        await org.supervisor.api.get<{ messages: { body: string }[] }>(
          `/conversations/${queued.conversationId}/messages`,
        )
      ).body.messages;
    await until("the message to be stored", async () => (await messages()).some((m) => m.body === "Are you there?"));
    expect((await messages()).filter((m) => m.body === "Are you there?")).toHaveLength(1);
    expect(await page.getByText("Are you there?").count()).toBe(1);
  });

  test("embedded on another site, it finds its server from its own script address", async () => {
    const org = await createTestOrg(server);
    // Another origin (another port) serving a shop page with loud styles and the embed tag.
    const shop = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="en"><head><title>Other shop</title>
        <style>* { color: red !important; font-family: serif !important; }</style></head>
        <body><main><h1>Other shop</h1></main>
        <script src="${server.url}/widget.js" data-org="${org.org.id}" data-bot="Ava" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    try {
      const page = await chromium.newPage(server);
      await page.goto(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/product`);
      await page.getByRole("button", { name: "Chat with us" }).click();
      // The page's styles do not reach into the widget.
      const heading = page.getByRole("heading", { name: "Chat with us" });
      expect(await heading.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(255, 255, 255)");
      await askForHuman(page, "Cross Origin Carla");
      const queued = await until("the request", () => liveSessionOf(org, "Cross Origin Carla"));
      await org.alice.api.post(`/sessions/${queued.id}/accept`);
      await page.getByRole("heading", { name: "Alice Agent" }).waitFor();
      // Minimized, the launcher counts the agent's new messages.
      await page.getByRole("button", { name: "Minimize chat" }).click();
      await org.alice.api.post(`/conversations/${queued.conversationId}/messages`, { body: "Hello from the agent" });
      await page.getByRole("button", { name: "Chat with us 1 new message" }).click();
      await page.getByText("Hello from the agent").waitFor();
      expect(await page.getByText("new message").isVisible()).toBe(false);
      // The agent ends the chat: the customer is told, and can start another.
      expect((await org.alice.api.post(`/sessions/${queued.id}/end`, {})).status).toBe(200);
      await page.getByRole("heading", { name: "Chat ended" }).waitFor();
      await page.getByText("The agent ended the chat.").waitFor();
      await page.getByRole("button", { name: "Start a new chat" }).waitFor();
    } finally {
      shop.close();
    }
  });

  test("without an organization in the address the demo page says how to open it", async () => {
    const page = await chromium.newPage(server);
    await page.goto("/widget-demo.html");
    await page.getByText("This page needs an organization").waitFor();
    expect(await page.locator("switchboard-chat").count()).toBe(0);
  });
});

describe("customer tokens", () => {
  test("a customer token cannot read another conversation", async () => {
    const org = await createTestOrg(server);
    const other = await createTestOrg(server);
    const a = await widgetHandoff(org, "Ann");
    const b = await widgetHandoff(org, "Ben");
    const c = await widgetHandoff(other, "Cy");

    const ann = await widgetApi("GET", "/widget/conversation", a.customerToken);
    expect(ann.status).toBe(200);
    expect(ann.body.conversationId).toBe(a.conversationId);
    expect(ann.body.messages.map((m: { body: string }) => m.body)).toEqual(["Hi, I'm Ava.", "Ann's question"]);

    // Ann's stream hears Ann's conversation only.
    const stream = await openStream(
      `${server.url}/api/v1/widget/stream?token=${a.customerToken}&after=${ann.body.seq}`,
      {},
    );
    expect(stream.status).toBe(200);
    await stream.waitFor((messages) => messages.some((m) => m.event === "caught-up"));
    const fromBen = await widgetApi("POST", "/widget/messages", b.customerToken, { body: "Ben writes" });
    expect(fromBen.body.conversationId).toBe(b.conversationId);
    const fromAnn = await widgetApi("POST", "/widget/messages", a.customerToken, { body: "Ann writes" });
    expect(fromAnn.body.conversationId).toBe(a.conversationId);
    await stream.waitFor(() => stream.events().some((e) => e.data.message?.body === "Ann writes"));
    expect(stream.events().every((e) => JSON.stringify(e).includes(a.conversationId))).toBe(true);
    expect(JSON.stringify(stream.messages)).not.toContain("Ben writes");
    stream.close();

    const bens = await widgetApi("GET", "/widget/conversation", b.customerToken);
    expect(bens.body.messages.map((m: { body: string }) => m.body)).not.toContain("Ann writes");

    // The token opens nothing but its own conversation.
    for (const path of [
      `/conversations/${b.conversationId}/messages`,
      `/conversations/${c.conversationId}/messages`,
      "/live-sessions",
    ]) {
      expect([401, 403]).toContain((await widgetApi("GET", path, a.customerToken)).status);
    }
    expect((await widgetApi("GET", "/widget/conversation", "sbc_not-a-token")).status).toBe(401);
    expect((await widgetApi("GET", "/widget/conversation", org.key.key)).status).toBeGreaterThanOrEqual(401);
    expect((await widgetApi("GET", "/widget/conversation")).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/widget/stream?token=sbc_not-a-token`)).status).toBe(401);
  });
});

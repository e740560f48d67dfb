// The agent console in real Chromium (PRODUCT.md, "Agent console"): a hand-off queues on the agent's
// console, Accept → preview → Start chatting, messages both ways within a second, transfer with a note to
// a second agent, end, an accept race between two agents, quick responses, a send that survives going
// offline, and the supervisor's quick responses page.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Server } from "../../src/server/main";
import { ApiClient } from "../support/api";
import { createTestOrg, handoff, type TestOrg } from "../support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { type E2eBrowser, launchBrowser } from "./support/browser";
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

type Person = TestOrg["alice"];

async function openConsole(person: Person) {
  const page = await chromium.newPageAs(server, person);
  await page.goto("/agent");
  await page.getByRole("heading", { name: "Queued" }).waitFor();
  await page.getByTestId("connection").getByText("Live").waitFor();
  return page;
}

const queuedItem = (page: Page, name: string) => page.getByTestId("queued-item").filter({ hasText: name });
const activeItem = (page: Page, name: string) => page.getByTestId("active-item").filter({ hasText: name });
const composerOf = (page: Page) => page.getByRole("textbox", { name: "Message", exact: true });
const acceptButton = (page: Page, name: string) => page.getByRole("button", { name: `Accept chat with ${name}` });
const seconds = (text: string | null) =>
  (text ?? "")
    .replace(/[^\d:]/g, "")
    .split(":")
    .reduce((total, part) => total * 60 + Number(part), 0);

/** Clicks the button of this name at the instant `at` (ms since the epoch). */
const clickAt = (page: Page, name: string, at: number) =>
  page.evaluate(
    ({ name, at }) =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`)?.click();
          resolve();
        }, at - Date.now()),
      ),
    { name, at },
  );

/** Accept from the Queued list, then Start chatting from the preview. */
async function acceptAndStart(page: Page, name: string) {
  await acceptButton(page, name).click();
  await page.getByRole("heading", { name: `Preview: ${name}` }).waitFor();
  await page.getByRole("button", { name: "Start chatting" }).click();
  await page.getByTestId("chat-customer").getByText(name).waitFor();
}

/** The customer's side, as the widget would do it: their conversation's token. */
const customerOf = (token: string) => new ApiClient(server.url, { key: token });

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("the agent console", () => {
  test("a hand-off queues on the console with a tab notification; accept → preview with the bot transcript and details → Start chatting", async () => {
    const org = await createTestOrg(server);
    const page = await openConsole(org.alice);
    await handoff(org, {
      customer: { name: "Quinn Queue", email: "quinn@example.test" },
      attributes: { plan: "Gold", orderId: "A-17" },
    });
    await queuedItem(page, "Quinn Queue").waitFor();
    await page.waitForFunction(() => document.title === "(1) Agent console · Switchboard");
    const wait = queuedItem(page, "Quinn Queue").getByTestId("wait");
    const before = seconds(await wait.textContent());
    await page.waitForTimeout(2_200);
    expect(seconds(await wait.textContent())).toBeGreaterThanOrEqual(before + 2);
    await expectNoAxeViolations(page);

    await acceptButton(page, "Quinn Queue").click();
    await page.getByRole("heading", { name: "Preview: Quinn Queue" }).waitFor();
    const transcript = page.getByRole("region", { name: "Conversation so far" });
    await transcript.getByText("My order has not arrived").waitFor();
    await transcript.getByText("Let me get you a human.").waitFor();
    const details = page.getByTestId("customer-details");
    await details.getByText("quinn@example.test").waitFor();
    expect(await details.textContent()).toContain("Website");
    expect(await details.textContent()).toContain("Helper Bot");
    const attributes = await page.getByTestId("attributes").textContent();
    expect(attributes).toContain("Gold");
    expect(attributes).toContain("A-17");
    await queuedItem(page, "Quinn Queue").waitFor({ state: "detached" });
    await activeItem(page, "Quinn Queue").waitFor();
    expect(await page.title()).toBe("Agent console · Switchboard");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Start chatting" }).click();
    await page.getByTestId("chat-customer").getByText("Quinn Queue").waitFor();
    const log = page.getByTestId("timeline");
    await log.getByText("My order has not arrived").waitFor();
    await page.getByTestId("live-divider").getByText("Transferred to live agent").waitFor();
    const duration = page.getByTestId("chat-duration");
    const started = seconds(await duration.textContent());
    await page.waitForTimeout(2_200);
    expect(seconds(await duration.textContent())).toBeGreaterThanOrEqual(started + 2);
    await expectNoAxeViolations(page);
  });

  test("messages go both ways within a second; Enter sends, Shift+Enter starts a new line; the customer's typing shows", async () => {
    const org = await createTestOrg(server);
    const page = await openConsole(org.alice);
    const chat = await handoff(org, { customer: { name: "Rita Realtime" } });
    const customer = customerOf(chat.customerToken);
    await acceptAndStart(page, "Rita Realtime");
    const log = page.getByTestId("timeline");

    await customer.post("/widget/typing");
    await page.getByTestId("typing").getByText("Rita Realtime is typing…").waitFor();

    const sentAt = Date.now();
    const reply = await customer.post("/widget/messages", { body: "Is anyone there?" });
    expect(reply.status).toBe(201);
    await log.getByText("Is anyone there?").waitFor({ timeout: 1_000 });
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    await page.getByTestId("typing").getByText("is typing").waitFor({ state: "detached" });

    const composer = composerOf(page);
    await composer.fill("Hello Rita, Alice here.");
    const typedAt = Date.now();
    await composer.press("Enter");
    const stored = await waitFor(async () => {
      const list = await customer.get("/widget/conversation");
      const messages: { author: string; body: string }[] = list.body.messages ?? [];
      return messages.find((m) => m.author === "agent" && m.body === "Hello Rita, Alice here.");
    }, 1_000);
    expect(stored).toBeDefined();
    expect(Date.now() - typedAt).toBeLessThan(1_000);
    expect(await composer.inputValue()).toBe("");

    await composer.pressSequentially("line one");
    await composer.press("Shift+Enter");
    await composer.pressSequentially("line two");
    await composer.press("Enter");
    await log.getByText(/line one\s+line two/).waitFor();
    const all = await org.alice.api.get(`/conversations/${chat.conversationId}/messages`);
    const bodies = all.body.messages.map((m: { body: string }) => m.body);
    expect(bodies).toContain("line one\nline two");
    expect(bodies.filter((b: string) => b === "Hello Rita, Alice here.")).toHaveLength(1);
  });

  test("unread messages of a chat not open show a badge until it is opened", async () => {
    const org = await createTestOrg(server);
    const page = await openConsole(org.alice);
    const first = await handoff(org, { customer: { name: "Uma Unread" } });
    await handoff(org, { customer: { name: "Otto Open" } });
    await acceptAndStart(page, "Uma Unread");
    await acceptAndStart(page, "Otto Open");
    await customerOf(first.customerToken).post("/widget/messages", { body: "Hello?" });
    await customerOf(first.customerToken).post("/widget/messages", { body: "Still there?" });
    const badge = activeItem(page, "Uma Unread").getByTestId("unread");
    await badge.getByText("2").waitFor();
    await activeItem(page, "Uma Unread").getByRole("link").click();
    await page.getByTestId("timeline").getByText("Still there?").waitFor();
    await badge.waitFor({ state: "detached" });
  });

  test("transfer with a note to Billing: the second agent accepts it and reads the note as a system message", async () => {
    const org = await createTestOrg(server);
    const alice = await openConsole(org.alice);
    const bob = await openConsole(org.bob);
    const chat = await handoff(org, { customer: { name: "Tess Transfer" } });
    await acceptAndStart(alice, "Tess Transfer");
    await queuedItem(bob, "Tess Transfer").waitFor({ state: "detached" });
    await customerOf(chat.customerToken).post("/widget/messages", { body: "I was charged twice" });
    await alice.getByTestId("timeline").getByText("I was charged twice").waitFor();

    await alice.getByRole("button", { name: "Transfer" }).click();
    const dialog = alice.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Team" }).click();
    await alice.getByRole("option", { name: "Billing" }).click();
    await dialog.getByLabel("Note for the next agent").fill("Charged twice for order A-17");
    await expectNoAxeViolations(alice);
    await dialog.getByRole("button", { name: "Transfer" }).click();
    await activeItem(alice, "Tess Transfer").waitFor({ state: "detached" });
    // The live feed can take the chat off the list before the transfer's answer brings the page home.
    await alice.waitForURL((url) => url.pathname === "/agent");

    const queued = queuedItem(bob, "Tess Transfer");
    await queued.waitFor();
    expect(await queued.textContent()).toContain("Billing");
    await acceptButton(bob, "Tess Transfer").click();
    await bob.getByRole("heading", { name: "Preview: Tess Transfer" }).waitFor();
    await bob.getByTestId("transfer-note").getByText("Charged twice for order A-17").waitFor();
    await bob.getByRole("button", { name: "Start chatting" }).click();
    const note = bob.getByTestId("system-message").filter({ hasText: "Charged twice for order A-17" });
    await note.waitFor();
    expect(await note.textContent()).toContain("Billing");
    await bob.getByTestId("timeline").getByText("I was charged twice").waitFor();
  });

  test("End chat: the session leaves Live Sessions and the agent's Active list", async () => {
    const org = await createTestOrg(server);
    const supervisor = await chromium.newSupervisorPage(server, org);
    await supervisor.goto("/supervisor/live-sessions");
    await supervisor.getByTestId("connection").getByText("Live").waitFor();
    await supervisor.getByRole("switch", { name: "Live" }).check({ force: true });
    const page = await openConsole(org.alice);
    const { sessionId } = await handoff(org, { customer: { name: "Eve Ending" } });
    const row = supervisor.locator(`tr[data-session-id="${sessionId}"]`);
    await row.waitFor();
    await acceptAndStart(page, "Eve Ending");
    await row.getByText("Active").waitFor();

    await page.getByRole("button", { name: "End chat" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "End chat" }).click();
    await activeItem(page, "Eve Ending").waitFor({ state: "detached" });
    await row.waitFor({ state: "detached" });
  });

  test("a chat the customer ended stays in the Active list, marked, until the agent closes it", async () => {
    const org = await createTestOrg(server);
    const page = await openConsole(org.alice);
    const chat = await handoff(org, { customer: { name: "Lea Leaving" } });
    await acceptAndStart(page, "Lea Leaving");
    expect((await customerOf(chat.customerToken).post("/widget/end")).status).toBe(204);
    await activeItem(page, "Lea Leaving").getByTestId("customer-left").waitFor();
    await page.getByTestId("customer-left-notice").waitFor();
    expect(await composerOf(page).isDisabled()).toBe(true);
    await expectNoAxeViolations(page);
    // Still there, marked, after a reload: the inbox keeps it until it is closed.
    await page.reload();
    await activeItem(page, "Lea Leaving").getByTestId("customer-left").waitFor();
    await page.getByTestId("customer-left-notice").waitFor();
    await page.getByRole("button", { name: "Close chat" }).click();
    await activeItem(page, "Lea Leaving").waitFor({ state: "detached" });
  });

  test("two agents accepting at once: one wins, the other is told who took it", async () => {
    const org = await createTestOrg(server);
    const alice = await openConsole(org.alice);
    const bob = await openConsole(org.bob);
    await handoff(org, { customer: { name: "Rex Race" } });
    await Promise.all([acceptButton(alice, "Rex Race").waitFor(), acceptButton(bob, "Rex Race").waitFor()]);
    // Clicked together: both pages click at the same instant of the machine's clock. (Clicks driven one after
    // the other from here leave time for the first accept to reach the other page and take the row away.)
    const at = Date.now() + 300;
    await Promise.all([clickAt(alice, "Accept chat with Rex Race", at), clickAt(bob, "Accept chat with Rex Race", at)]);

    const outcome = async (page: Page) => {
      const preview = page.getByRole("heading", { name: "Preview: Rex Race" });
      const refusal = page.getByTestId("accept-error");
      await preview.or(refusal).waitFor();
      return (await preview.isVisible()) ? "won" : await refusal.textContent();
    };
    const [aliceOutcome, bobOutcome] = await Promise.all([outcome(alice), outcome(bob)]);
    const outcomes = [aliceOutcome, bobOutcome];
    expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
    const winner = aliceOutcome === "won" ? "Alice Agent" : "Bob Agent";
    const told = outcomes.find((o) => o !== "won");
    expect(told).toContain(`already accepted by ${winner}`);
  });

  test("an agent who is away cannot accept until they set themselves Active", async () => {
    const org = await createTestOrg(server);
    const page = await openConsole(org.alice);
    await handoff(org, { customer: { name: "Ada Away" } });
    await page.getByTestId("status-menu").click();
    await page.getByRole("menuitem", { name: "Away" }).click();
    await page.getByTestId("status-menu").getByText("Away").waitFor();
    expect(await acceptButton(page, "Ada Away").isDisabled()).toBe(true);
    await page.getByTestId("status-menu").click();
    await page.getByRole("menuitem", { name: "Active" }).click();
    await page.getByTestId("status-menu").getByText("Active").waitFor();
    await acceptButton(page, "Ada Away").click();
    await page.getByRole("heading", { name: "Preview: Ada Away" }).waitFor();
  });

  test("quick responses: # opens the picker, the template is filled in, edited and several go in one message", async () => {
    const org = await createTestOrg(server);
    await org.supervisor.api.post("/quick-responses", {
      shortcut: "greet",
      body: "Hello {{customer.name}}, I'm {{agent.firstName}}.",
    });
    await org.supervisor.api.post("/quick-responses", { shortcut: "plan", body: "Your plan is {{attributes.plan}}." });
    await org.supervisor.api.post("/quick-responses", { shortcut: "bye", body: "Goodbye!" });
    const page = await openConsole(org.alice);
    const chat = await handoff(org, { customer: { name: "Pia Picker" }, attributes: { plan: "Gold" } });
    await acceptAndStart(page, "Pia Picker");

    const composer = composerOf(page);
    await composer.pressSequentially("#");
    const picker = page.getByRole("listbox", { name: "Quick responses" });
    await picker.waitFor();
    expect(await picker.getByRole("option").count()).toBe(3);
    await expectNoAxeViolations(page);
    await composer.pressSequentially("gr");
    expect(await picker.getByRole("option").count()).toBe(1);
    await composer.press("Enter");
    await picker.waitFor({ state: "detached" });
    expect(await composer.inputValue()).toBe("Hello Pia Picker, I'm Alice.");

    await composer.press("End");
    await composer.pressSequentially(" #pl");
    await picker.getByRole("option", { name: /#plan/ }).click();
    expect(await composer.inputValue()).toBe("Hello Pia Picker, I'm Alice. Your plan is Gold.");
    await composer.press("End");
    await composer.pressSequentially(" Anything else?");
    await composer.press("Enter");
    const body = "Hello Pia Picker, I'm Alice. Your plan is Gold. Anything else?";
    await page.getByTestId("timeline").getByText(body).waitFor();
    const stored = await org.alice.api.get(`/conversations/${chat.conversationId}/messages`);
    expect(stored.body.messages.filter((m: { body: string }) => m.body === body)).toHaveLength(1);
  });

  test("a message typed while offline stays pending and is sent once when the connection returns", async () => {
    const org = await createTestOrg(server);
    const page = await openConsole(org.alice);
    const chat = await handoff(org, { customer: { name: "Olga Offline" } });
    await acceptAndStart(page, "Olga Offline");
    await page.context().setOffline(true);
    const composer = composerOf(page);
    await composer.fill("Sent while offline");
    await composer.press("Enter");
    await page.getByTestId("message-pending").getByText("Sent while offline").waitFor();
    await page.context().setOffline(false);
    await page.getByTestId("message-agent").getByText("Sent while offline").waitFor({ timeout: 15_000 });
    await page.getByTestId("message-pending").waitFor({ state: "detached" });
    const stored = await org.alice.api.get(`/conversations/${chat.conversationId}/messages`);
    expect(stored.body.messages.filter((m: { body: string }) => m.body === "Sent while offline")).toHaveLength(1);
  });
});

describe("quick responses, for supervisors", () => {
  test("a supervisor creates, edits and deletes quick responses under Settings", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/live-sessions");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Quick responses" }).click();
    await page.getByRole("heading", { name: "Quick responses" }).waitFor();
    await page.getByText("No quick responses yet.").waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "New quick response" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Shortcut").fill("two words");
    await dialog.getByLabel("Text").fill("Hello {{customer.name}}!");
    await dialog.getByRole("button", { name: "Create quick response" }).click();
    await dialog
      .getByText(/letters, digits/i)
      .first()
      .waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel("Shortcut").fill("#greet");
    await dialog.getByRole("button", { name: "Create quick response" }).click();
    await dialog.waitFor({ state: "detached" });
    const table = page.getByRole("table", { name: "Quick responses" });
    await table.getByText("#greet").waitFor();
    await table.getByText("Hello {{customer.name}}!").waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Edit #greet" }).click();
    await dialog.getByLabel("Text").fill("Hi {{customer.name}}, how can I help?");
    await dialog.getByRole("button", { name: "Save" }).click();
    await table.getByText("Hi {{customer.name}}, how can I help?").waitFor();
    const listed = await org.alice.api.get("/quick-responses");
    expect(listed.body.quickResponses.map((r: { body: string }) => r.body)).toEqual([
      "Hi {{customer.name}}, how can I help?",
    ]);

    await page.getByRole("button", { name: "Delete #greet" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete quick response" }).click();
    await page.getByText("No quick responses yet.").waitFor();
  });
});

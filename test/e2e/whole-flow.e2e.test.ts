// The whole product in three browser contexts at once (issue 4): a customer in the chat widget on a shop
// page, live agents in their console, a supervisor on Live Sessions. A customer asks for a human → queued
// on both consoles → Alice accepts → messages both ways within a second → transfer with a note → Bob
// accepts and sees the note → end → the session leaves Live Sessions.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, test } from "vitest";
import type { Server } from "../../src/server/main";
import { createTestOrg } from "../support/fixtures";
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

const DELIVERY_MS = 1_000;
const CUSTOMER = "Wendy Whole";

async function openAgentConsole(person: Parameters<E2eBrowser["newPageAs"]>[1]) {
  const page = await chromium.newPageAs(server, person);
  await page.goto("/agent");
  await page.getByRole("heading", { name: "Queued" }).waitFor();
  await page.getByTestId("connection").getByText("Live").waitFor();
  return page;
}

const rowOf = (page: Page, name: string) => page.locator("tr[data-session-id]").filter({ hasText: name });

describe("a conversation from the widget, through two agents, watched by a supervisor", () => {
  test("everyone sees each step as it happens", async () => {
    const org = await createTestOrg(server);
    const supervisor = await chromium.newSupervisorPage(server, org);
    await supervisor.goto("/supervisor/live-sessions");
    await supervisor.getByTestId("connection").getByText("Live").waitFor();
    await supervisor.getByRole("switch", { name: "Live" }).check({ force: true });
    const alice = await openAgentConsole(org.alice);
    const bob = await openAgentConsole(org.bob);

    // The customer asks for a human in the widget.
    const customer = await chromium.newPage(server);
    await customer.goto(`/widget-demo.html?org=${org.org.id}&bot=Ava`);
    await customer.getByRole("button", { name: "Chat with us" }).click();
    await customer.getByLabel("Your name").fill(CUSTOMER);
    await customer.getByLabel("How can we help?").fill("I was charged twice for my order.");
    await customer.getByRole("button", { name: "Talk to a person" }).click();
    await customer.getByRole("heading", { name: "Waiting for an agent" }).waitFor();

    // Queued on the agent's console and on Live Sessions.
    await alice.getByTestId("queued-item").filter({ hasText: CUSTOMER }).waitFor();
    await rowOf(supervisor, CUSTOMER).getByText("Queued").waitFor();

    // Alice accepts; the customer sees her join; the supervisor sees the row go active.
    await alice.getByRole("button", { name: `Accept chat with ${CUSTOMER}` }).click();
    await alice.getByRole("button", { name: "Start chatting" }).click();
    await customer.getByRole("heading", { name: "Alice Agent" }).waitFor();
    await rowOf(supervisor, CUSTOMER).getByText("Active").waitFor();

    // Messages both ways within a second.
    await alice.getByRole("textbox", { name: "Message", exact: true }).fill("Hi Wendy, let me look.");
    await alice.keyboard.press("Enter");
    await customer.getByText("Hi Wendy, let me look.").waitFor({ timeout: DELIVERY_MS });
    await customer.getByRole("textbox", { name: "Message" }).fill("Thank you!");
    await customer.keyboard.press("Enter");
    await alice.getByTestId("timeline").getByText("Thank you!").waitFor({ timeout: DELIVERY_MS });

    // Transfer to Billing with a note; Bob accepts and sees the note as a system message.
    await alice.getByRole("button", { name: "Transfer" }).click();
    const dialog = alice.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Team" }).click();
    await alice.getByRole("option", { name: "Billing" }).click();
    await dialog.getByLabel("Note for the next agent").fill("Double charge on order A-17");
    await dialog.getByRole("button", { name: "Transfer" }).click();
    await rowOf(supervisor, CUSTOMER).getByText("Billing").waitFor();
    await bob.getByRole("button", { name: `Accept chat with ${CUSTOMER}` }).click();
    await bob.getByTestId("transfer-note").getByText("Double charge on order A-17").waitFor();
    await bob.getByRole("button", { name: "Start chatting" }).click();
    await bob.getByTestId("system-message").filter({ hasText: "Double charge on order A-17" }).waitFor();
    await bob.getByTestId("timeline").getByText("Thank you!").waitFor();
    await customer.getByRole("heading", { name: "Bob Agent" }).waitFor();
    await customer.getByText("Double charge").waitFor({ state: "detached" }); // the note is internal

    // Bob ends the chat: it leaves Live Sessions, and the customer is told.
    await bob.getByRole("button", { name: "End chat" }).click();
    await bob.getByRole("dialog").getByRole("button", { name: "End chat" }).click();
    await rowOf(supervisor, CUSTOMER).waitFor({ state: "detached" });
    await customer.getByRole("heading", { name: "Chat ended" }).waitFor();
  });
});

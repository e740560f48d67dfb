// Live Agents in real Chromium: order by status, teams on hover, load against capacity, a supervisor
// changing an agent's status, and live updates from elsewhere.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Server } from "../../src/server/main";
import { createPerson, createTestOrg, handoff } from "../support/fixtures";
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

describe("Live Agents", () => {
  test("lists active agents first, then away, then offline, with chats against capacity", async () => {
    const org = await createTestOrg(server);
    await createPerson(server, org.org.id, ["agent"], { name: "Oscar Offline" });
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    const { sessionId } = await handoff(org);
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/live-agents");
    await page.getByText("Oscar Offline").waitFor();
    const rows = page.locator("tbody tr");
    expect(await rows.locator("td:nth-child(2)").allInnerTexts()).toEqual([
      "Alice Agent",
      "Bob Agent",
      "Oscar Offline",
    ]);
    expect(await rows.getByTestId("agent-status").allInnerTexts()).toEqual(["Active", "Away", "Offline"]);
    expect(await rows.first().getByTestId("agent-load").innerText()).toBe("1 / 10");
    expect(await rows.first().getByText("3 teams").count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  test("a supervisor sets an agent away, and changes made elsewhere show at once", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/live-agents");
    const alice = page.locator(`tr[data-agent-id="${org.alice.user.id}"]`);
    await alice.getByText("Active").first().waitFor();
    await alice.getByLabel("Status of Alice Agent").click();
    await page.getByRole("option", { name: "Away" }).click();
    await alice.getByTestId("agent-status").getByText("Away").waitFor();
    const stored = await org.supervisor.api.get("/agents");
    expect(stored.body.agents.find((a: { id: string }) => a.id === org.alice.user.id).status).toBe("away");

    const bob = page.locator(`tr[data-agent-id="${org.bob.user.id}"]`);
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "offline" });
    await bob.getByTestId("agent-status").getByText("Offline").waitFor();
    const { sessionId } = await handoff(org);
    await org.alice.api.put(`/agents/${org.alice.user.id}/status`, { status: "online" });
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    await alice.getByTestId("agent-load").getByText("1 / 10").waitFor();
  });

  test("search and status filter narrow the list and live in the URL", async () => {
    const org = await createTestOrg(server);
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/live-agents?status=away");
    await page.getByText("Bob Agent").waitFor();
    expect(await page.locator("tbody tr").count()).toBe(1);
    await page.goto("/supervisor/live-agents");
    await page.getByLabel("Search").fill("alice");
    await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
    expect(new URL(page.url()).searchParams.get("q")).toBe("alice");
  });
});

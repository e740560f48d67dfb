// Live Sessions in real Chromium, point by point from the seed: order, timers, transfer, refresh notices,
// Live mode, filters, tenancy, accessibility.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Server } from "../../src/server/main";
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

const customers = (page: Page) => page.locator("[data-testid=customer]").allInnerTexts();
const rowOf = (page: Page, sessionId: string) => page.locator(`tr[data-session-id="${sessionId}"]`);
const seconds = (text: string) => text.split(":").reduce((total, part) => total * 60 + Number(part), 0);

async function openLiveSessions(org: TestOrg, query = "") {
  const page = await chromium.newSupervisorPage(server, org);
  await page.goto(`/supervisor/live-sessions${query}`);
  await page.getByRole("heading", { name: "Live Sessions" }).waitFor();
  await page.getByTestId("connection").getByText("Live").waitFor();
  return page;
}

async function switchLiveMode(page: Page) {
  await page.getByRole("switch", { name: "Live" }).check({ force: true });
}

describe("Live Sessions", () => {
  test("a supervisor signs in with the form and lands on Live Sessions", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newPage(server);
    await page.goto("/supervisor/live-sessions");
    await page.getByLabel("Email").fill(org.supervisor.email);
    await page.getByLabel("Password").fill(org.supervisor.password);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Live Sessions" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/supervisor/live-sessions");
  });

  test("new hand-offs raise the tab badge and an 'N updates — Refresh' notice; Refresh shows them in order", async () => {
    const org = await createTestOrg(server);
    const first = await handoff(org, { customer: { name: "Early Bird" } });
    const page = await openLiveSessions(org);
    expect(await customers(page)).toEqual(["Early Bird"]);
    await handoff(org, { customer: { name: "Second Caller" } });
    await handoff(org, { customer: { name: "Third Caller" } });
    await page.getByTestId("updates-notice").getByText("2 updates").waitFor();
    expect(await page.title()).toBe("(2) Live Sessions · Switchboard");
    expect(await page.locator("link[rel=icon]").getAttribute("data-dot")).toBe("true");
    expect(await customers(page)).toEqual(["Early Bird"]); // no reordering under the supervisor's eyes
    await org.alice.api.post(`/sessions/${first.sessionId}/accept`);
    await page.getByTestId("updates-notice").getByText("3 updates").waitFor();
    await page.getByRole("button", { name: "Refresh" }).first().click();
    await page.getByTestId("updates-notice").waitFor({ state: "detached" });
    // Queued first by wait (longest first), then active.
    expect(await customers(page)).toEqual(["Second Caller", "Third Caller", "Early Bird"]);
    expect(await page.title()).toBe("Live Sessions · Switchboard");
    await expectNoAxeViolations(page);
  });

  test("in Live mode hand-offs appear at once in the seed's order, and the choice is remembered", async () => {
    const org = await createTestOrg(server);
    const page = await openLiveSessions(org);
    await switchLiveMode(page);
    const a = await handoff(org, { customer: { name: "Anna Live" } });
    await handoff(org, { customer: { name: "Ben Live" } });
    await rowOf(page, a.sessionId).waitFor();
    await page.getByText("Ben Live").waitFor();
    expect(await customers(page)).toEqual(["Anna Live", "Ben Live"]);
    await org.bob.api.post(`/sessions/${a.sessionId}/accept`);
    await rowOf(page, a.sessionId).getByText("Active").waitFor();
    expect(await customers(page)).toEqual(["Ben Live", "Anna Live"]);
    await page.reload();
    await page.getByText("Ben Live").waitFor();
    expect(await page.getByRole("switch", { name: "Live" }).isChecked()).toBe(true);
  });

  test("the wait time ticks while queued and freezes on accept; the conversation duration then ticks", async () => {
    const org = await createTestOrg(server);
    const page = await openLiveSessions(org);
    await switchLiveMode(page);
    const { sessionId } = await handoff(org, { customer: { name: "Tick Tock" } });
    const row = rowOf(page, sessionId);
    await row.waitFor();
    const wait = row.getByTestId("wait");
    const before = seconds(await wait.innerText());
    await page.waitForTimeout(2_200);
    expect(seconds(await wait.innerText())).toBeGreaterThanOrEqual(before + 2);
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    await row.getByText("Active").waitFor();
    const frozen = await wait.innerText();
    const duration = seconds(await row.getByTestId("duration").innerText());
    await page.waitForTimeout(2_200);
    expect(await wait.innerText()).toBe(frozen);
    expect(seconds(await row.getByTestId("duration").innerText())).toBeGreaterThanOrEqual(duration + 2);
  });

  test("a transfer replaces the row with a new queued one in the target team with fresh timers", async () => {
    const org = await createTestOrg(server);
    const page = await openLiveSessions(org);
    await switchLiveMode(page);
    const { sessionId } = await handoff(org, { customer: { name: "Moving Customer" } });
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    await rowOf(page, sessionId).getByText("Active").waitFor();
    const transfer = await org.alice.api.post(`/sessions/${sessionId}/transfer`, { teamId: org.teams.billing });
    const next = rowOf(page, transfer.body.queued.id);
    await next.waitFor();
    await rowOf(page, sessionId).waitFor({ state: "detached" });
    expect(await next.innerText()).toContain("Billing");
    expect(await next.getByText("Queued").count()).toBe(1);
    expect(seconds(await next.getByTestId("wait").innerText())).toBeLessThan(5);
  });

  test("filters and search narrow the list and live in the URL", async () => {
    const org = await createTestOrg(server);
    await handoff(org, { customer: { name: "Wendy Web" } });
    await handoff(org, { customer: { name: "Sam Sms" }, channel: { name: "SMS", type: "sms" } });
    const billing = await handoff(org, { customer: { name: "Bill Billing" } });
    await org.alice.api.post(`/sessions/${billing.sessionId}/transfer`, { teamId: org.teams.billing });
    const page = await openLiveSessions(org, `?team=${org.teams.billing}`);
    await page.getByText("Bill Billing").waitFor();
    expect(await customers(page)).toEqual(["Bill Billing"]);
    await page.goto("/supervisor/live-sessions?channel=SMS");
    await page.getByText("Sam Sms").waitFor();
    expect(await customers(page)).toEqual(["Sam Sms"]);
    await page.goto("/supervisor/live-sessions");
    await page.getByText("Wendy Web").waitFor();
    await page.getByLabel("Search").fill("wendy");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=customer]").length === 1);
    expect(new URL(page.url()).searchParams.get("q")).toBe("wendy");
    expect(await customers(page)).toEqual(["Wendy Web"]);
    await page.goBack();
    await expectNoAxeViolations(page);
  });

  test("a supervisor of another organization sees none of it", async () => {
    const org = await createTestOrg(server);
    const other = await createTestOrg(server);
    await handoff(org, { customer: { name: "Private Person" } });
    const page = await openLiveSessions(other);
    await switchLiveMode(page);
    await handoff(org, { customer: { name: "Another Private" } });
    await handoff(other, { customer: { name: "Own Customer" } });
    await page.getByText("Own Customer").waitFor();
    expect(await customers(page)).toEqual(["Own Customer"]);
  });

  test("header figures count queued, active and agents online per team", async () => {
    const org = await createTestOrg(server);
    const a = await handoff(org);
    await handoff(org);
    await org.alice.api.post(`/sessions/${a.sessionId}/accept`);
    const page = await openLiveSessions(org);
    await expectTextContent(page, "figure-queued", "1");
    await expectTextContent(page, "figure-active", "1");
    await expectTextContent(page, "figure-online", "2");
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    await expectTextContent(page, "figure-online", "1");
    await expectTextContent(page, "figure-away", "1");
  });
});

async function expectTextContent(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).getByText(text, { exact: true }).waitFor();
}

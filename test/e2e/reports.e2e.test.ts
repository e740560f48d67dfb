// Reports in real Chromium: pick a range, see the figures and the charts, narrow by a filter (kept in the
// URL), open a transcript, refuse a range over six months, export, download the file — axe-core clean.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exportHeader } from "../../src/server/domain/exports/csv";
import type { Server } from "../../src/server/main";
import { seedDemoHistory } from "../../src/server/sim/demo-history";
import type { ReportSummary } from "../../src/shared/reports";
import { parseCsv } from "../support/exports";
import { createTestOrg, handoff, type TestOrg } from "../support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { type E2eBrowser, launchBrowser } from "./support/browser";
import { screenshot } from "./support/screenshot";
import { startE2eServer } from "./support/server";

let server: Server;
let chromium: E2eBrowser;
let org: TestOrg;
beforeAll(async () => {
  server = await startE2eServer();
  chromium = await launchBrowser();
  org = await createTestOrg(server);
  // A month behind the organization, as the demo has, and one chat waiting now.
  await seedDemoHistory(server.services.db, org.org.id, new Date(), { days: 30, perWeekday: 40 });
  await handoff(org, { customer: { name: "Waiting Now" } });
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** The figures the page shows come from this answer of the server. */
const summaryResponse = (page: Page, match: (url: URL) => boolean) =>
  page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === "/api/v1/reports/summary" && url.searchParams.get("groupBy") === "hour" && match(url);
  });

/** Waits for running transitions (the drawer sliding in): mid-fade, text has no contrast to speak of. */
const settled = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));

describe("Reports", () => {
  test("a range shows its figures and charts, a filter narrows them, and a row opens its transcript", async () => {
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/reports");
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();

    const spanDays = (url: URL) =>
      (Date.parse(url.searchParams.get("to") ?? "") - Date.parse(url.searchParams.get("from") ?? "")) / 86_400_000;
    const month = summaryResponse(page, (url) => spanDays(url) > 29);
    await page.getByText("Last 30 days").click();
    const monthly = (await (await month).json()) as ReportSummary;
    expect(new URL(page.url()).searchParams.get("range")).toBe("last30");
    expect(monthly.totals.sessions).toBeGreaterThan(500);
    await expect
      .poll(() => page.getByTestId("figure-sessions").textContent())
      .toBe(monthly.totals.sessions.toLocaleString("en-US"));
    expect(await page.getByTestId("figure-median-wait").textContent()).toMatch(/^\d+:\d\d$/);
    expect(await page.getByTestId("figure-abandoned").textContent()).toMatch(/%$/);
    // Both charts drew bars.
    for (const chart of ["chart-volume-by-hour", "chart-wait-distribution"]) {
      await expect.poll(() => page.getByTestId(chart).locator(".recharts-bar-rectangle").count()).toBeGreaterThan(3);
    }
    expect(await page.getByTestId("breakdown").locator("tbody tr").count()).toBeGreaterThan(0);
    // Queued first: the chat waiting now tops the sessions.
    await expect
      .poll(() => page.getByRole("table", { name: "Sessions" }).locator("tbody tr").first().textContent())
      .toContain("Waiting Now");
    await expectNoAxeViolations(page);
    await screenshot(page, "reports");

    const abandoned = summaryResponse(page, (url) => url.searchParams.get("endReason") === "customer_left");
    await page.getByRole("textbox", { name: "End reason" }).click();
    await page.getByRole("option", { name: "Customer left" }).click();
    const narrowed = (await (await abandoned).json()) as ReportSummary;
    expect(new URL(page.url()).searchParams.get("reason")).toBe("customer_left");
    expect(narrowed.totals.sessions).toBeLessThan(monthly.totals.sessions);
    await expect
      .poll(() => page.getByTestId("figure-sessions").textContent())
      .toBe(narrowed.totals.sessions.toLocaleString("en-US"));

    const sessions = page.getByRole("table", { name: "Sessions" });
    const firstName = (await sessions.locator("tbody tr").first().getByRole("button").textContent()) ?? "";
    await sessions.locator("tbody tr").first().getByRole("button").click();
    const drawer = page.getByRole("dialog", { name: `Conversation with ${firstName}` });
    await drawer.getByTestId("transcript").waitFor();
    expect(await drawer.getByText("I'd like to speak to a person.").count()).toBe(1);
    await settled(page);
    await expectNoAxeViolations(page);
  });

  test("a custom range over six months is refused with a clear message", async () => {
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/reports?range=custom&from=2026-01-01&to=2026-08-31");
    await page.getByText("A report covers at most 6 months").waitFor();
    await page.getByLabel("Last day").fill("2026-06-30");
    await expect.poll(() => page.getByText("A report covers at most 6 months").count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("to")).toBe("2026-06-30");
  });

  test("an export runs in the background, completes, and downloads as CSV", async () => {
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/reports?range=last7");
    const week = (await (await summaryResponse(page, () => true)).json()) as ReportSummary;
    await page.getByRole("button", { name: "Export CSV" }).click();
    const job = page.locator("tr[data-export-id]").first();
    await job.getByTestId("export-status").getByText("Complete").waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      job.getByRole("link", { name: /Download/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^switchboard-sessions-.*\.csv$/);
    const [header, ...rows] = parseCsv(readFileSync(await download.path(), "utf8"));
    expect(header).toEqual([...exportHeader]);
    expect(rows).toHaveLength(week.totals.sessions);
    await expectNoAxeViolations(page);
  });
});

// The served web client loads in real Chromium and is accessible; kept generic so it holds whatever `/`
// becomes (the shell today, a sign-in page or a redirect to one later). Also proves the e2e helpers work.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Server } from "../../src/server/main";
import { createTestOrg } from "../support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { type E2eBrowser, launchBrowser } from "./support/browser";
import { skewBrowserClock } from "./support/clock";
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

describe("the web client", () => {
  test("loads at / with a Switchboard title, no script errors and no accessibility violations", async () => {
    const page = await chromium.newPage(server);
    const scriptErrors: string[] = [];
    page.on("pageerror", (error) => scriptErrors.push(error.message));

    // Signed out, nothing streams, so the network goes quiet once the page has asked who is signed in.
    await page.goto("/", { waitUntil: "networkidle" });

    expect(await page.title()).toContain("Switchboard");
    expect(scriptErrors).toEqual([]);
    await expectNoAxeViolations(page);
  });
});

describe("the e2e helpers", () => {
  test("a supervisor page is signed in by its session cookie", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/");

    const me = await page.evaluate(async () => {
      const reply = await fetch("/api/v1/me");
      return { status: reply.status, body: await reply.json() };
    });

    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(org.supervisor.user.id);
  });

  test("a skewed browser clock is hours off the real time and keeps ticking", async () => {
    const page = await chromium.newPage(server);
    const offsetMs = -5 * 3_600_000;
    await skewBrowserClock(page, offsetMs);
    await page.goto("/");

    const first = await page.evaluate(() => Date.now());
    await page.waitForTimeout(300);
    const second = await page.evaluate(() => Date.now());

    expect(Math.abs(first - (Date.now() + offsetMs))).toBeLessThan(5_000);
    expect(second).toBeGreaterThan(first);
  });
});

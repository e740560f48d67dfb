// Live Sessions stays right when the world is not: a browser clock hours off, a server killed and
// restarted, many tabs open at once, a tab frozen in the background.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/server/config";
import { defaultWebRoot, type Server, startServer } from "../../src/server/main";
import { ApiClient } from "../../src/shared/api-client";
import { startChildServer } from "../support/child";
import { createTestOrg, handoff } from "../support/fixtures";
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

const seconds = (text: string) => text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
const rowOf = (page: Page, sessionId: string) => page.locator(`tr[data-session-id="${sessionId}"]`);

async function goLive(page: Page) {
  await page.getByRole("heading", { name: "Live Sessions" }).waitFor();
  await page.getByTestId("connection").getByText("Live").waitFor();
  const live = page.getByRole("switch", { name: "Live" });
  if (!(await live.isChecked())) await live.check({ force: true });
}

describe("Live Sessions when things go wrong", () => {
  test("a browser whose clock is five hours off shows the same timers", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newSupervisorPage(server, org);
    await skewBrowserClock(page, -5 * 3_600_000);
    await page.goto("/supervisor/live-sessions");
    await goLive(page);
    const { sessionId } = await handoff(org, { customer: { name: "Clock Skew" } });
    await rowOf(page, sessionId).waitFor();
    await page.waitForTimeout(1_500);
    const wait = seconds(await rowOf(page, sessionId).getByTestId("wait").innerText());
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(4);
  });

  test("ten tabs of one browser share a single live stream, and it survives the leader tab closing", async () => {
    const org = await createTestOrg(server);
    const first = await chromium.newSupervisorPage(server, org);
    await first.goto("/supervisor/live-sessions");
    await goLive(first);
    const pages = [first];
    for (let i = 1; i < 10; i++) {
      const page = await first.context().newPage();
      await page.goto("/supervisor/live-sessions");
      await page.getByTestId("connection").getByText("Live").waitFor();
      pages.push(page);
    }
    expect(server.services.hub.streamCount(org.org.id)).toBe(1);
    const { sessionId } = await handoff(org, { customer: { name: "Everyone Sees" } });
    for (const page of pages) await rowOf(page, sessionId).waitFor();
    await first.close(); // the first tab took the lock: it was the leader
    const second = await handoff(org, { customer: { name: "Still Streaming" } });
    for (const page of pages.slice(1)) await rowOf(page, second.sessionId).waitFor();
    await expect.poll(() => server.services.hub.streamCount(org.org.id)).toBe(1);
  });

  test("a tab frozen in the background is exact again the moment it resumes", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newSupervisorPage(server, org);
    await page.goto("/supervisor/live-sessions");
    await goLive(page);
    const { sessionId } = await handoff(org, { customer: { name: "Frozen Tab" } });
    await rowOf(page, sessionId).waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await cdp.send("Page.setWebLifecycleState", { state: "active" });
    const wait = seconds(await rowOf(page, sessionId).getByTestId("wait").innerText());
    expect(wait).toBeGreaterThanOrEqual(3);
  });
});

describe("a server killed and restarted", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-restart-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test("the page reconnects, catches up from the log and is correct without a reload", async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    // Set the organization up in-process on the same data folder, then hand the folder to a child process.
    const setup = await startServer(loadConfig({ LOG_LEVEL: "silent", ...env }, { PORT: 0 }), {
      webRoot: defaultWebRoot,
    });
    const org = await createTestOrg(setup);
    await setup.close();

    let child = await startChildServer(env);
    const page = await chromium.newSupervisorPage({ ...setup, url: child.url }, org);
    await page.goto("/supervisor/live-sessions");
    await goLive(page);
    const bot = new ApiClient(child.url, { key: org.key.key });
    const body = {
      customer: { name: "Before Crash" },
      channel: { name: "Web", type: "web" },
      bot: { name: "Helper Bot" },
    };
    const before = (await bot.post("/handoffs", body)).body;
    await rowOf(page, before.sessionId).waitFor();

    await child.stop("SIGKILL");
    await page
      .getByTestId("connection")
      .getByText(/Reconnecting|Stale/)
      .waitFor();
    child = await startChildServer(env);
    // Changes made before the page has reconnected must still reach it, from the log.
    const after = (await bot.post("/handoffs", { ...body, customer: { name: "After Restart" } })).body;
    await new ApiClient(child.url, { key: org.key.key }).post(`/sessions/${before.sessionId}/end`, {});
    await rowOf(page, after.sessionId).waitFor({ timeout: 20_000 });
    await rowOf(page, before.sessionId).waitFor({ state: "detached" });
    await page.getByTestId("connection").getByText("Live").waitFor();
    await child.stop();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

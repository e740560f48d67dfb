// (d) The Live Sessions page itself, in headless Chromium (Debian's, driven by playwright-core), with 10,000
// live sessions loaded, half queued and half active, seeded through the domain in the server process:
//   1. snapshot response → first render: the resource timing entry of GET /api/v1/live-sessions (its
//      responseEnd) to the first `tr[data-session-id]` in the DOM, and to the frame after it; several loads;
//   2. scripting per one-second tick while idle: ScriptDuration (thread time) from the DevTools protocol's
//      Performance.getMetrics, sampled in the middle of each second so each sample holds exactly one tick;
//   3. long tasks while 50 changes a second (hand-offs and ends through the HTTP API) arrive in Live mode,
//      seen by a PerformanceObserver in the page;
//   4. the page's JS heap after a full GC, after load and after the event run.
// Baselines in the same run: the same page of an organization with no sessions (ticks, events, heap), and
// JSON.parse of the same snapshot body in the page (first render).
import { compareLiveSessions } from "../src/shared/live-order";
import type { LiveSessionsSnapshot } from "../src/shared/sessions";
import type { BenchServer } from "./support/bench-server";
import {
  type BenchPage,
  heapAfterGc,
  jsonParseTimes,
  launchChromium,
  longTasksSince,
  messagesHeard,
  metrics,
  openBenchPage,
  pageNow,
  readFirstRender,
  type TaskTimes,
  traceTasks,
} from "./support/browser-page";
import { handoffBody } from "./support/handoff-body";
import { expectStatus, JsonClient } from "./support/http";
import type { BenchOrganization } from "./support/organization";
import { pace } from "./support/pace";
import { sleep } from "./support/stats";

export interface BrowserOptions {
  sessions: number;
  /** Page loads for the first-render figure. */
  loads: number;
  /** One-second ticks sampled while idle. */
  ticks: number;
  /** Changes a second sent while the page is in Live mode, and for how long. */
  eventRate: number;
  eventSeconds: number;
}

export interface EventRun {
  /** Changes committed (HTTP 2xx) during the run, and the live events the page heard. */
  committed: number;
  heard: number;
  errors: number;
  firstError?: string;
  seconds: number;
  longTasks: { startTime: number; duration: number }[];
  /** Every task of the page's main thread in the run, from a trace: wall and CPU time. */
  tasks: TaskTimes;
  scriptMsPerSecond: number;
  styleLayoutMsPerSecond: number;
}

export interface PageRun {
  rows: number;
  heapAfterLoad: { usedBytes: number; nodes: number };
  tickScriptMs: number[];
  tickStyleLayoutMs: number[];
  events: EventRun;
  heapAfterEvents: { usedBytes: number; nodes: number };
}

export interface FirstRenderRun {
  /** Snapshot responseEnd → first row in the DOM, per load (ms). */
  toDomMs: number[];
  /** Snapshot responseEnd → the frame after it, per load (ms). */
  toFrameMs: number[];
  bodyBytes: number;
  /** JSON.parse of the same body in the page (ms), several runs. */
  parseMs: number[];
}

export interface BrowserResult {
  sessions: number;
  seedSeconds: number | null;
  firstRender: FirstRenderRun;
  loaded: PageRun;
  empty: PageRun;
}

const PAGE = "/supervisor/live-sessions";

async function openLiveSessions(bench: BenchPage) {
  const { page } = bench;
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(PAGE);
  try {
    await page.getByRole("heading", { name: "Live Sessions" }).waitFor();
    await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 60_000 });
  } catch (error) {
    const text = (
      (await page
        .locator("body")
        .textContent()
        .catch(() => "")) ?? ""
    )
      .replace(/\s+/g, " ")
      .slice(0, 300);
    throw new Error(
      `Live Sessions did not open at ${page.url()} (page says "${text}"${errors.length ? `; page errors: ${errors.join("; ")}` : ""}): ${(error as Error).message}`,
    );
  }
}

/** Sleeps until the middle of the next (server) second: the page's one clock ticks just after each whole one. */
const untilMidSecond = () => sleep(((1500 - (Date.now() % 1000)) % 1000) + 1);

/** Script and style+layout thread time of `count` successive one-second windows, each holding one tick. */
async function sampleTicks(bench: BenchPage, count: number) {
  const script: number[] = [];
  const styleLayout: number[] = [];
  await untilMidSecond();
  let previous = await metrics(bench.cdp);
  for (let i = 0; i < count; i++) {
    await untilMidSecond();
    const current = await metrics(bench.cdp);
    script.push((current.ScriptDuration - previous.ScriptDuration) * 1000);
    styleLayout.push(
      (current.RecalcStyleDuration - previous.RecalcStyleDuration + current.LayoutDuration - previous.LayoutDuration) *
        1000,
    );
    previous = current;
  }
  return { script, styleLayout };
}

/**
 * `rate` changes a second for `seconds`, alternately a hand-off and an end. Ends take `endable` in order
 * (sessions already on the page), then the run's own hand-offs; when neither is there yet, a hand-off instead.
 */
async function driveChanges(
  url: string,
  org: BenchOrganization,
  rate: number,
  seconds: number,
  endable: string[],
): Promise<{ committed: number; errors: number; firstError?: string }> {
  const http = new JsonClient(url);
  const apiKey = { key: org.apiKey };
  const fresh: string[] = [];
  let n = 0;
  let inFlight = 0;
  let committed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const send = async (request: () => Promise<{ status: number; body: any }>, onDone?: (body: any) => void) => {
    inFlight++;
    try {
      const reply = await request();
      if (reply.status === 200 || reply.status === 201) {
        committed++;
        onDone?.(reply.body);
      } else {
        errors++;
        firstError ??= `HTTP ${reply.status} ${JSON.stringify(reply.body)}`;
      }
    } catch (error) {
      errors++;
      firstError ??= String(error);
    } finally {
      inFlight--;
    }
  };
  try {
    await pace(rate, seconds * 1000, (slot) => {
      const endId = slot % 2 === 1 ? (endable.shift() ?? fresh.shift()) : undefined;
      if (endId) void send(() => http.post(`/sessions/${endId}/end`, apiKey, {}));
      else
        void send(
          () => http.post("/handoffs", apiKey, handoffBody(n++)),
          (body) => fresh.push(body.sessionId),
        );
    });
    while (inFlight > 0) await sleep(10);
    return { committed, errors, firstError };
  } finally {
    http.close();
  }
}

async function eventRun(
  bench: BenchPage,
  url: string,
  org: BenchOrganization,
  options: BrowserOptions,
  endable: string[],
): Promise<EventRun> {
  const { page, cdp } = bench;
  await page.getByRole("switch", { name: "Live" }).check({ force: true });
  await sleep(1_000);
  const heardBefore = await messagesHeard(page);
  const since = await pageNow(page);
  const before = await metrics(cdp);
  const stopTrace = await traceTasks(cdp);
  const startedAt = performance.now();
  const sent = await driveChanges(url, org, options.eventRate, options.eventSeconds, endable);
  // Every event heard, then the Live-mode highlights (2 s) run out: their timers are part of the load.
  const deadline = performance.now() + 10_000;
  while ((await messagesHeard(page)) - heardBefore < sent.committed && performance.now() < deadline) await sleep(50);
  await sleep(2_500);
  const after = await metrics(cdp);
  const seconds = (performance.now() - startedAt) / 1000;
  const tasks = await stopTrace();
  return {
    tasks,
    ...sent,
    heard: (await messagesHeard(page)) - heardBefore,
    seconds,
    longTasks: await longTasksSince(page, since),
    scriptMsPerSecond: ((after.ScriptDuration - before.ScriptDuration) * 1000) / seconds,
    styleLayoutMsPerSecond:
      ((after.RecalcStyleDuration - before.RecalcStyleDuration + after.LayoutDuration - before.LayoutDuration) * 1000) /
      seconds,
  };
}

/** Ticks while idle, then the event run, with the heap after load and after the run. The page is open. */
async function measureOpenPage(
  bench: BenchPage,
  url: string,
  org: BenchOrganization,
  options: BrowserOptions,
  rows: number,
  endable: string[],
): Promise<PageRun> {
  await sleep(1_000);
  const heapAfterLoad = await heapAfterGc(bench.cdp);
  const ticks = await sampleTicks(bench, options.ticks);
  const events = await eventRun(bench, url, org, options, endable);
  const heapAfterEvents = await heapAfterGc(bench.cdp);
  return {
    rows,
    heapAfterLoad,
    tickScriptMs: ticks.script,
    tickStyleLayoutMs: ticks.styleLayout,
    events,
    heapAfterEvents,
  };
}

/** Session ids to end, alternately the longest-waiting queued row (top of the table) and the oldest active one. */
async function endableSessions(url: string, org: BenchOrganization, expected: number): Promise<string[]> {
  const http = new JsonClient(url);
  try {
    const snapshot = expectStatus(
      await http.get<LiveSessionsSnapshot>("/live-sessions", { cookie: org.supervisor.token }),
      200,
      "snapshot",
    );
    if (snapshot.sessions.length !== expected) {
      throw new Error(`snapshot has ${snapshot.sessions.length} sessions, expected ${expected}`);
    }
    const ordered = [...snapshot.sessions].sort(compareLiveSessions);
    const queued = ordered.filter((s) => s.status === "queued").map((s) => s.id);
    const active = ordered.filter((s) => s.status === "active").map((s) => s.id);
    const ids: string[] = [];
    for (let i = 0; i < Math.max(queued.length, active.length); i++) {
      if (i < queued.length) ids.push(queued[i]);
      if (i < active.length) ids.push(active[i]);
    }
    return ids;
  } finally {
    http.close();
  }
}

export async function measureBrowserLiveSessions(
  server: BenchServer,
  options: BrowserOptions,
  /** An organization already holding `options.sessions` live sessions (the snapshot benchmark's), if any. */
  seeded?: BenchOrganization,
  log: (line: string) => void = () => {},
): Promise<BrowserResult> {
  let org = seeded;
  let seedSeconds: number | null = null;
  if (!org) {
    org = await server.createOrganization("Bench browser", 16);
    seedSeconds = (await server.seedLiveSessions(org, options.sessions, 0.5)).seconds;
    log(`    seeded ${options.sessions.toLocaleString("en-US")} live sessions in ${seedSeconds.toFixed(1)} s`);
  }
  const emptyOrg = await server.createOrganization("Bench browser, no sessions", 2);
  const endable = await endableSessions(server.url, org, options.sessions);
  const browser = await launchChromium();
  try {
    // Baseline first: the same page with no sessions.
    const emptyPage = await openBenchPage(browser, server.url, emptyOrg.supervisor.token);
    let empty: PageRun;
    try {
      await openLiveSessions(emptyPage);
      empty = await measureOpenPage(emptyPage, server.url, emptyOrg, options, 0, []);
    } finally {
      await emptyPage.close();
    }
    log(`    empty page: done`);

    const loadedPage = await openBenchPage(browser, server.url, org.supervisor.token);
    try {
      const toDomMs: number[] = [];
      const toFrameMs: number[] = [];
      let bodyBytes = 0;
      for (let i = 0; i < options.loads; i++) {
        if (i === 0) await openLiveSessions(loadedPage);
        else await loadedPage.page.reload();
        const first = await readFirstRender(loadedPage.page);
        toDomMs.push(first.firstRowAt - first.responseEnd);
        toFrameMs.push(first.firstFrameAt - first.responseEnd);
        bodyBytes = first.bodyBytes;
      }
      await loadedPage.page.getByTestId("connection").getByText("Live").waitFor({ timeout: 60_000 });
      const parseMs = await jsonParseTimes(loadedPage.page, 5);
      const rows = await loadedPage.page.locator("tr[data-session-id]").count();
      log(`    loaded page: first render done (${rows} rows in the DOM)`);
      const loaded = await measureOpenPage(loadedPage, server.url, org, options, options.sessions, endable);
      return {
        sessions: options.sessions,
        seedSeconds,
        firstRender: { toDomMs, toFrameMs, bodyBytes, parseMs },
        loaded,
        empty,
      };
    } finally {
      await loadedPage.close();
    }
  } finally {
    await browser.close();
  }
}

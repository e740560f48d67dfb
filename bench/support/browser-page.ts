// Debian's Chromium driven by playwright-core, with the flags and viewport of the browser tests, and what
// the browser benchmark reads from a page: probes installed before the app's own scripts run (long tasks,
// the first table row, messages heard on the live stream) and the DevTools protocol's metrics and heap.
// In-page code is kept as plain JavaScript strings: tsx rewrites TypeScript functions with helpers that do
// not exist in the page.
import { type Browser, type CDPSession, chromium, type Page } from "playwright-core";
import { SESSION_COOKIE } from "../../src/server/http/auth";
import { CHROMIUM_ARGS, CHROMIUM_PATH, VIEWPORT } from "../../test/e2e/support/browser";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Runs in every document before the app: `window.__bench` collects long tasks (PerformanceObserver), the
 * instant the first `tr[data-session-id]` is in the DOM (a MutationObserver, called right after the commit
 * that added it) and the frame after that (rAF, then the next task), and counts the messages the page's
 * EventSource hears.
 */
const PROBES = `(() => {
  const probe = { longTasks: [], firstRowAt: null, firstFrameAt: null, messages: 0 };
  Object.defineProperty(window, "__bench", { value: probe });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  const rows = new MutationObserver(() => {
    if (!document.querySelector("tr[data-session-id]")) return;
    rows.disconnect();
    probe.firstRowAt = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { probe.firstFrameAt = performance.now(); };
      channel.port2.postMessage(null);
    });
  });
  rows.observe(document, { childList: true, subtree: true });
  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(url, init) {
      super(url, init);
      this.addEventListener("message", () => { probe.messages++; });
    }
  };
})();`;

export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

/** A page of its own context, signed in by the session cookie, probes installed, metrics switched on. */
export async function openBenchPage(browser: Browser, baseURL: string, sessionToken: string): Promise<BenchPage> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
  await context.addCookies([
    { name: SESSION_COOKIE, value: sessionToken, url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Thread time rather than wall time: on a shared two-core machine the renderer is descheduled now and
  // then, and wall-clock durations would count that as the page's own work.
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  return { page, cdp, close: () => context.close() };
}

export type Metrics = Record<string, number>;

/** Performance.getMetrics by name: ScriptDuration, RecalcStyleDuration, LayoutDuration (s), Nodes, … */
export async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Bytes of JS heap in use after a full garbage collection, and the DOM nodes alive. */
export async function heapAfterGc(cdp: CDPSession): Promise<{ usedBytes: number; nodes: number }> {
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const { Nodes } = await metrics(cdp);
  return { usedBytes: heap.usedSize, nodes: Nodes };
}

export interface FirstRender {
  /** performance.now() instants in the page. */
  responseEnd: number;
  firstRowAt: number;
  firstFrameAt: number;
  bodyBytes: number;
}

/** Waits for the first row and its frame; reads the snapshot's resource timing. */
export async function readFirstRender(page: Page, timeoutMs = 60_000): Promise<FirstRender> {
  await page.waitForFunction("window.__bench.firstFrameAt !== null", undefined, { timeout: timeoutMs });
  const read = await page.evaluate(`(() => {
    const entry = performance.getEntriesByType("resource")
      .find((e) => new URL(e.name).pathname === "/api/v1/live-sessions");
    return {
      responseEnd: entry ? entry.responseEnd : null,
      bodyBytes: entry ? entry.decodedBodySize : null,
      firstRowAt: window.__bench.firstRowAt,
      firstFrameAt: window.__bench.firstFrameAt,
    };
  })()`);
  const result = read as FirstRender & { responseEnd: number | null };
  if (result.responseEnd === null) throw new Error("no resource timing entry for /api/v1/live-sessions");
  return result;
}

/** Times JSON.parse of the page's own snapshot body, in the page: `repeats` runs, in ms. */
export async function jsonParseTimes(page: Page, repeats: number): Promise<number[]> {
  return (await page.evaluate(`(async () => {
    const text = await (await fetch("/api/v1/live-sessions", { credentials: "same-origin" })).text();
    const times = [];
    for (let i = 0; i < ${repeats}; i++) {
      const startedAt = performance.now();
      JSON.parse(text);
      times.push(performance.now() - startedAt);
    }
    return times;
  })()`)) as number[];
}

export interface TaskTimes {
  /** Wall-clock duration of each task of the page's main thread, and the CPU time the thread spent in it (ms). */
  wallMs: number[];
  cpuMs: number[];
}

/**
 * Traces the renderer's tasks (the `toplevel` category: one event per task, with wall and thread time) until
 * the returned function is called. On a shared, busy machine a task's wall time includes the time the
 * thread waited for a core; its thread time is the page's own work.
 */
export async function traceTasks(cdp: CDPSession): Promise<() => Promise<TaskTimes>> {
  type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: any };
  const events: TraceEvent[] = [];
  const collect = (data: { value: object[] }) => {
    for (const e of data.value as TraceEvent[]) {
      if (e.name === "ThreadControllerImpl::RunTask" || e.name === "thread_name") events.push(e);
    }
  };
  cdp.on("Tracing.dataCollected", collect);
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: { includedCategories: ["toplevel"], recordMode: "recordAsMuchAsPossible" },
  });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
    await cdp.send("Tracing.end");
    await complete;
    cdp.off("Tracing.dataCollected", collect);
    const rendererMains = new Set(
      events
        .filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain")
        .map((e) => `${e.pid}:${e.tid}`),
    );
    // The busiest renderer main thread is the page's (the only page open).
    const tasksByThread = new Map<string, TraceEvent[]>();
    for (const e of events) {
      const thread = `${e.pid}:${e.tid}`;
      if (e.name !== "ThreadControllerImpl::RunTask" || e.ph !== "X" || !rendererMains.has(thread)) continue;
      const tasks = tasksByThread.get(thread);
      if (tasks) tasks.push(e);
      else tasksByThread.set(thread, [e]);
    }
    const tasks = [...tasksByThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    return { wallMs: tasks.map((t) => (t.dur ?? 0) / 1000), cpuMs: tasks.map((t) => (t.tdur ?? 0) / 1000) };
  };
}

export const pageNow = async (page: Page) => (await page.evaluate("performance.now()")) as number;

export const messagesHeard = async (page: Page) => (await page.evaluate("window.__bench.messages")) as number;

/** Long tasks (start, duration in ms) that began at or after `since` (the page's performance.now()). */
export async function longTasksSince(page: Page, since: number): Promise<{ startTime: number; duration: number }[]> {
  return (await page.evaluate(`window.__bench.longTasks.filter((t) => t.startTime >= ${since})`)) as {
    startTime: number;
    duration: number;
  }[];
}

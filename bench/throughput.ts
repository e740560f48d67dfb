// (a) State changes per second through the HTTP API. One organization, 16 live agents online in its default
// team; each client is one agent doing, back to back: hand-off (with the organization's API key, as the bot
// platform would), accept (as the agent), end (as the agent). Each cycle is three committed changes.
// Changes are counted only inside the measuring window, after a warm-up, so start-up costs are left out.

import { handoffBody } from "./support/handoff-body";
import { expectStatus, JsonClient } from "./support/http";
import type { BenchOrganization } from "./support/organization";
import { type LatencySummary, sleep, summarize } from "./support/stats";

export interface ThroughputResult {
  clients: number;
  changesPerSecond: number;
  cycles: number;
  /** Per request, inside the window. */
  requestLatency: LatencySummary;
  errors: number;
  firstError?: string;
}

export async function measureThroughput(
  url: string,
  org: BenchOrganization,
  options: { warmupMs: number; durationMs: number },
): Promise<ThroughputResult> {
  const http = new JsonClient(url, { maxSockets: org.agents.length * 2 });
  const apiKey = { key: org.apiKey };
  let measuring = false;
  let stopped = false;
  let changes = 0;
  let cycles = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  let n = 0;

  /** One change; counted (and its latency kept) only when it completes inside the window. */
  const change = async <T>(send: () => Promise<{ status: number; body: T }>, status: number, what: string) => {
    const startedAt = performance.now();
    const reply = await send();
    if (reply.status !== status) {
      errors++;
      firstError ??= `${what}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`;
      return null;
    }
    if (measuring) {
      changes++;
      latencies.push(performance.now() - startedAt);
    }
    return reply.body;
  };

  const agentLoop = async (agent: BenchOrganization["agents"][number]) => {
    const asAgent = { cookie: agent.token };
    while (!stopped) {
      const handoff = await change(
        () => http.post<{ sessionId: string }>("/handoffs", apiKey, handoffBody(n++)),
        201,
        "hand-off",
      );
      if (!handoff) continue;
      const path = `/sessions/${handoff.sessionId}`;
      if (!(await change(() => http.post(`${path}/accept`, asAgent), 200, "accept"))) continue;
      if (!(await change(() => http.post(`${path}/end`, asAgent, {}), 200, "end"))) continue;
      if (measuring) cycles++;
    }
  };

  // One request first, so an organization that is set up wrong fails loudly instead of counting errors.
  expectStatus(await http.post("/handoffs", apiKey, handoffBody(n++)), 201, "first hand-off");

  const loops = org.agents.map(agentLoop);
  await sleep(options.warmupMs);
  measuring = true;
  const startedAt = performance.now();
  await sleep(options.durationMs);
  measuring = false;
  const seconds = (performance.now() - startedAt) / 1000;
  stopped = true;
  await Promise.all(loops);
  http.close();

  return {
    clients: org.agents.length,
    changesPerSecond: changes / seconds,
    cycles,
    requestLatency: summarize(latencies),
    errors,
    firstError,
  };
}

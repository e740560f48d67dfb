// (b) From a committed change to its arrival at 100 connected Live Sessions streams, while 1,000 changes a
// second flow. The load generator (this process) paces hand-offs and ends at the rate and notes when each
// change's HTTP response arrives: the change is committed by then. The 100 supervisor streams run in their
// own process and note when each event arrives; latency = arrival − commit, matched by session id.
// The baseline runs the same client process against a bare node:http broadcast server.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChildProcessCalls } from "./support/child-process";
import { handoffBody } from "./support/handoff-body";
import { JsonClient } from "./support/http";
import type { BenchOrganization } from "./support/organization";
import { pace } from "./support/pace";
import type { ArrivalReport, ConnectInput } from "./support/sse-client-process";
import { sleep, wallNow } from "./support/stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const clientEntry = path.join(here, "support/sse-client-process.ts");
const bareServerEntry = path.join(here, "support/bare-sse-process.ts");

/** Sized like a real `session.queued` event (about 600 bytes of JSON), so both servers write as much. */
const BARE_EVENT_PADDING = 520;
const MAX_IN_FLIGHT = 512;

export interface SseOptions {
  clients: number;
  rate: number;
  warmupMs: number;
  durationMs: number;
}

export interface SseLatencyResult extends ArrivalReport {
  /** Changes (events) a second actually committed during the window. */
  achievedRate: number;
  /** Slots skipped because MAX_IN_FLIGHT requests were already waiting: the server could not keep up. */
  skipped: number;
  errors: number;
  firstError?: string;
}

async function withClients<T>(connect: ConnectInput, run: (clients: ChildProcessCalls) => Promise<T>): Promise<T> {
  const clients = await ChildProcessCalls.start("SSE clients", clientEntry);
  try {
    await clients.call("connect", connect);
    return await run(clients);
  } finally {
    await clients.stop();
  }
}

export async function measureBareSseLatency(options: SseOptions): Promise<SseLatencyResult> {
  const server = await ChildProcessCalls.start("bare SSE server", bareServerEntry);
  try {
    const url = await server.call<string>("listen");
    return await withClients({ url, clients: options.clients }, async (clients) => {
      const broadcast = (durationMs: number, firstSeq: number) =>
        server.call<{ sent: number; nextSeq: number }>("broadcast", {
          rate: options.rate,
          durationMs,
          padding: BARE_EVENT_PADDING,
          firstSeq,
        });
      const warm = await broadcast(options.warmupMs, 0);
      await sleep(200);
      await clients.call("reset");
      const { sent } = await broadcast(options.durationMs, warm.nextSeq);
      await sleep(500);
      const report = await clients.call<ArrivalReport>("report");
      return { ...report, achievedRate: sent / (options.durationMs / 1000), skipped: 0, errors: 0 };
    });
  } finally {
    await server.stop();
  }
}

export async function measureSwitchboardSseLatency(
  url: string,
  org: BenchOrganization,
  options: SseOptions,
): Promise<SseLatencyResult> {
  const http = new JsonClient(url, { maxSockets: 128 });
  const apiKey = { key: org.apiKey };
  const stream = { url: `${url}/api/v1/live-sessions/stream`, cookie: org.supervisor.token, clients: options.clients };
  try {
    return await withClients(stream, async (clients) => {
      let n = 0;
      let inFlight = 0;
      let skipped = 0;
      let errors = 0;
      let firstError: string | undefined;
      let commits: [string, number][] = [];
      const queued: string[] = [];

      const send = async (
        request: () => Promise<{ status: number; body: any }>,
        status: number,
        onCommitted: (body: any, at: number) => void,
      ) => {
        inFlight++;
        try {
          const reply = await request();
          const committedAt = wallNow();
          if (reply.status === status) onCommitted(reply.body, committedAt);
          else {
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

      // Half the changes are hand-offs (session.queued), half end the oldest waiting one (session.ended),
      // so the number of live rows stays small and steady while the rate is held.
      const fire = (slot: number) => {
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped++;
          return;
        }
        const sessionId = slot % 2 === 1 ? queued.shift() : undefined;
        if (sessionId) {
          void send(
            () => http.post(`/sessions/${sessionId}/end`, apiKey, {}),
            200,
            (_body, at) => commits.push([`session.ended:${sessionId}`, at]),
          );
        } else {
          void send(
            () => http.post("/handoffs", apiKey, handoffBody(n++)),
            201,
            (body, at) => {
              commits.push([`session.queued:${body.sessionId}`, at]);
              queued.push(body.sessionId);
            },
          );
        }
      };
      const settle = async () => {
        while (inFlight > 0) await sleep(10);
        await sleep(500);
      };

      await pace(options.rate, options.warmupMs, fire);
      await settle();
      await clients.call("reset");
      commits = [];
      skipped = 0;
      await pace(options.rate, options.durationMs, fire);
      const window = commits.length;
      await settle();
      const report = await clients.call<ArrivalReport>("report", commits);
      return { ...report, achievedRate: window / (options.durationMs / 1000), skipped, errors, firstError };
    });
  } finally {
    http.close();
  }
}

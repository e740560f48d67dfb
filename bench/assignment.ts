// Automatic assignment under load (issue 6): auto-accept on, 200 online agents in 10 teams, hand-offs from
// 16 concurrent clients. Every hand-off is routed and, in the same transaction, assigned. Measured:
// assignments per second, hand-off → assignment latency as a supervisor's live stream sees it, and limit
// violations found by replaying the event log agent by agent (must be 0).

import type { AssignmentOrganization } from "./support/assignment-organization";
import { handoffBody } from "./support/handoff-body";
import { JsonClient } from "./support/http";
import { type LatencySummary, sleep, summarize } from "./support/stats";

export interface AssignmentResult {
  handoffsPerSecond: number;
  assignmentsPerSecond: number;
  assignments: number;
  handoffToAssignment: LatencySummary;
  violations: number;
  peakLoad: number;
  errors: number;
}

export async function measureAssignment(
  url: string,
  org: AssignmentOrganization,
  options: { clients: number; durationMs: number },
): Promise<AssignmentResult> {
  const http = new JsonClient(url, { maxSockets: options.clients * 2 });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let assigned = 0;

  // The supervisor's live stream: an assignment is done when its event arrives.
  const controller = new AbortController();
  const stream = await fetch(`${url}/api/v1/live-sessions/stream`, {
    headers: { cookie: `sb_session=${org.supervisorToken}` },
    signal: controller.signal,
  });
  const events: { type: string; data: any }[] = [];
  const reading = (async () => {
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          const data = frame.split("\n").find((line) => line.startsWith("data: "));
          if (!data || frame.includes("event: ")) continue;
          const event = JSON.parse(data.slice(6));
          events.push(event);
          if (event.type === "session.accepted" && event.data.assigned) {
            const started = sentAt.get(event.data.session.id);
            if (started !== undefined) latencies.push(performance.now() - started);
            assigned++;
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();

  let stopped = false;
  let errors = 0;
  let handoffs = 0;
  let n = 0;
  const client = async (c: number) => {
    while (!stopped) {
      const started = performance.now();
      const body = handoffBody(n++);
      const reply = await http.post<{ sessionId: string }>(
        "/handoffs",
        { key: org.apiKey },
        { ...body, attributes: { team: String((n + c) % org.teams) } },
      );
      if (reply.status !== 201) {
        errors++;
        continue;
      }
      handoffs++;
      // Assigned in the hand-off's own transaction: the clock starts when the hand-off was sent.
      sentAt.set(reply.body.sessionId, started);
    }
  };
  const startedAt = performance.now();
  const clients = Array.from({ length: options.clients }, (_, c) => client(c));
  await sleep(options.durationMs);
  stopped = true;
  await Promise.all(clients);
  const seconds = (performance.now() - startedAt) / 1000;
  await sleep(500);
  controller.abort();
  await reading;

  const load = new Map<string, number>();
  let violations = 0;
  let peakLoad = 0;
  for (const event of events) {
    if (event.type !== "session.accepted") continue;
    const agentId = event.data.session.agent.id as string;
    const now = (load.get(agentId) ?? 0) + 1;
    load.set(agentId, now);
    peakLoad = Math.max(peakLoad, now);
    if (now > org.limit) violations++;
  }
  return {
    handoffsPerSecond: handoffs / seconds,
    assignmentsPerSecond: assigned / seconds,
    assignments: assigned,
    handoffToAssignment: summarize(latencies),
    violations,
    peakLoad,
    errors,
  };
}

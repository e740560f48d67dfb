// (c) The Live Sessions snapshot (GET /api/v1/live-sessions) of an organization with 10,000 live sessions,
// half queued and half active, seeded through the same commands the API runs. What the supervisor's page
// waits for on open and on every resync: time (median of several) and size, raw and gzipped.
// The server keeps a copy of Live Sessions in memory once a supervisor has asked (domain/sessions/live-view.ts):
// the first GET builds it from the database, so it is reported on its own; the target is judged on GETs that
// each follow a change (a hand-off, then its end, so the copy must re-sort and stays at 10,000 rows).
// Baseline: JSON.stringify of the same payload in this process, the floor of any JSON response.
import { gzipSync } from "node:zlib";
import type { BenchServer } from "./support/bench-server";
import { handoffBody } from "./support/handoff-body";
import { expectStatus, JsonClient } from "./support/http";
import type { BenchOrganization } from "./support/organization";
import { median } from "./support/stats";

export interface SnapshotResult {
  /** The seeded organization, left as it is: the browser benchmark loads the same 10,000 sessions. */
  org: BenchOrganization;
  sessions: number;
  seedSeconds: number;
  /** The first GET: the copy read from the database. */
  firstMs: number;
  /** GETs with nothing changed in between. */
  idleMedianMs: number;
  /** GETs each right after a hand-off and its end. */
  medianMs: number;
  maxMs: number;
  bytes: number;
  gzipBytes: number;
  stringifyMedianMs: number;
}

export async function measureSnapshot(
  server: BenchServer,
  options: { sessions: number; repeats: number },
): Promise<SnapshotResult> {
  const org = await server.createOrganization("Bench snapshot", 16);
  const seeded = await server.seedLiveSessions(org, options.sessions, 0.5);
  const http = new JsonClient(server.url);
  const asSupervisor = { cookie: org.supervisor.token };
  const apiKey = { key: org.apiKey };
  const timedGet = async () => {
    const startedAt = performance.now();
    const reply = await http.get("/live-sessions", asSupervisor);
    const ms = performance.now() - startedAt;
    const snapshot = expectStatus(reply, 200, "snapshot");
    if (snapshot.sessions.length !== options.sessions) {
      throw new Error(`snapshot has ${snapshot.sessions.length} sessions, expected ${options.sessions}`);
    }
    return { ms, snapshot, bytes: reply.bytes };
  };
  try {
    const first = await timedGet();
    const snapshot = first.snapshot;
    const idleTimes: number[] = [];
    for (let i = 0; i < options.repeats; i++) idleTimes.push((await timedGet()).ms);
    const times: number[] = [];
    for (let i = 0; i < options.repeats; i++) {
      const handoff = expectStatus(
        await http.post<{ sessionId: string }>("/handoffs", apiKey, handoffBody(options.sessions + i)),
        201,
        "hand-off",
      );
      expectStatus(await http.post(`/sessions/${handoff.sessionId}/end`, apiKey, {}), 200, "end");
      times.push((await timedGet()).ms);
    }
    const stringifyTimes: number[] = [];
    for (let i = 0; i < options.repeats; i++) {
      const startedAt = performance.now();
      JSON.stringify(snapshot);
      stringifyTimes.push(performance.now() - startedAt);
    }
    return {
      org,
      sessions: snapshot.sessions.length,
      seedSeconds: seeded.seconds,
      firstMs: first.ms,
      idleMedianMs: median(idleTimes),
      medianMs: median(times),
      maxMs: Math.max(...times),
      bytes: first.bytes,
      gzipBytes: gzipSync(JSON.stringify(snapshot)).length,
      stringifyMedianMs: median(stringifyTimes),
    };
  } finally {
    http.close();
  }
}

// (c) The Live Sessions snapshot (GET /api/v1/live-sessions) of an organization with 10,000 live sessions,
// half queued and half active, seeded through the same commands the API runs. What the supervisor's page
// waits for on open and on every resync: time (median of several) and size, raw and gzipped.
// Baseline: JSON.stringify of the same payload in this process, the floor of any JSON response.
import { gzipSync } from "node:zlib";
import type { BenchServer } from "./support/bench-server";
import { expectStatus, JsonClient } from "./support/http";
import type { BenchOrganization } from "./support/organization";
import { median } from "./support/stats";

export interface SnapshotResult {
  /** The seeded organization, left as it is: the browser benchmark loads the same 10,000 sessions. */
  org: BenchOrganization;
  sessions: number;
  seedSeconds: number;
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
  try {
    const first = await http.get("/live-sessions", asSupervisor);
    const snapshot = expectStatus(first, 200, "snapshot");
    if (snapshot.sessions.length !== options.sessions) {
      throw new Error(`snapshot has ${snapshot.sessions.length} sessions, expected ${options.sessions}`);
    }
    const times: number[] = [];
    for (let i = 0; i < options.repeats; i++) {
      const startedAt = performance.now();
      expectStatus(await http.get("/live-sessions", asSupervisor), 200, "snapshot");
      times.push(performance.now() - startedAt);
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

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer } from "../../../../test/support/child";
import { createTestOrg, handoff, type TestOrg } from "../../../../test/support/fixtures";
import { databaseKind, databaseUrl, startTestServer } from "../../../../test/support/server";
import { openStream } from "../../../../test/support/sse";
import { ApiClient } from "../../../shared/api-client";
import { liveSessionsSnapshotSchema } from "../../../shared/sessions";
import { manualClock } from "../../clock";
import { readEventsAfter } from "../../events/log";
import type { Server } from "../../main";

const clock = manualClock(new Date("2026-03-02T09:00:00Z"));
let server: Server;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ clock, env: { MAX_REPLAY_EVENTS: "50" } });
  org = await createTestOrg(server);
});
afterAll(() => server?.close());

const streamUrl = () => `${server.url}/api/v1/live-sessions/stream`;
const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("Live Sessions snapshot", () => {
  it("lists queued rows by wait descending, then active rows by conversation duration descending", async () => {
    const local = await createTestOrg(server);
    const a = await handoff(local); // waits longest
    clock.advance(10_000);
    const b = await handoff(local);
    clock.advance(10_000);
    const c = await handoff(local);
    clock.advance(10_000);
    const d = await handoff(local);
    await local.alice.api.post(`/sessions/${c.sessionId}/accept`); // talking longest
    clock.advance(5_000);
    await local.bob.api.post(`/sessions/${a.sessionId}/accept`);
    const snapshot = await local.supervisor.api.get("/live-sessions");
    expect(snapshot.body.sessions.map((s: { id: string }) => s.id)).toEqual([
      b.sessionId,
      d.sessionId,
      c.sessionId,
      a.sessionId,
    ]);
    expect(snapshot.body.serverTime).toBe(clock.now().toISOString());
    const active = snapshot.body.sessions[2];
    expect(active).toMatchObject({ status: "active", agent: { name: "Alice Agent" }, bot: { name: "Helper Bot" } });
  });

  it("has the schema's shape, each row exactly as the live events last carried it", async () => {
    const local = await createTestOrg(server);
    const queued = await handoff(local);
    const accepted = await handoff(local);
    clock.advance(1_234);
    await local.alice.api.post(`/sessions/${accepted.sessionId}/accept`);
    const snapshot = await local.supervisor.api.get("/live-sessions");
    expect(() => liveSessionsSnapshotSchema.parse(snapshot.body)).not.toThrow();
    const carried = new Map<string, unknown>();
    for (const event of await readEventsAfter(server.services.db, local.org.id, 0, 1_000)) {
      if (event.type === "session.queued" || event.type === "session.accepted")
        carried.set(event.data.session.id, event.data.session);
    }
    expect(snapshot.body.sessions).toEqual([carried.get(queued.sessionId), carried.get(accepted.sessionId)]);
  });

  it("only queued and active sessions are shown; an ended one leaves", async () => {
    const local = await createTestOrg(server);
    const { sessionId } = await handoff(local);
    await local.bot.post(`/sessions/${sessionId}/end`);
    const snapshot = await local.supervisor.api.get("/live-sessions");
    expect(snapshot.body.sessions).toEqual([]);
  });

  it("carries the sequence number its rows are at", async () => {
    const local = await createTestOrg(server);
    const before = await local.supervisor.api.get("/live-sessions");
    await handoff(local);
    const after = await local.supervisor.api.get("/live-sessions");
    expect(after.body.seq).toBe(before.body.seq + 1);
  });
});

describe("Live Sessions stream", () => {
  it("sends each change after the given position once, in order, with id = sequence number", async () => {
    const { body: snapshot } = await org.supervisor.api.get("/live-sessions");
    const stream = await openStream(`${streamUrl()}?after=${snapshot.seq}`, org.supervisor.api.headers());
    expect(stream.status).toBe(200);
    const { sessionId } = await handoff(org);
    await org.alice.api.post(`/sessions/${sessionId}/accept`);
    await org.alice.api.post(`/sessions/${sessionId}/end`);
    await stream.waitFor(() => stream.events().length >= 3);
    stream.close();
    const events = stream.events();
    expect(events.map((e) => e.type)).toEqual(["session.queued", "session.accepted", "session.ended"]);
    expect(seqs(events)).toEqual(range(snapshot.seq + 1, snapshot.seq + 3));
    expect(stream.messages.filter((m) => !m.event).map((m) => Number(m.id))).toEqual(seqs(events));
    expect(events[0].data.session).toMatchObject({ id: sessionId, status: "queued" });
  });

  it("a client that reconnects with Last-Event-ID misses nothing and gets nothing twice", async () => {
    const { body: snapshot } = await org.supervisor.api.get("/live-sessions");
    const first = await openStream(`${streamUrl()}?after=${snapshot.seq}`, org.supervisor.api.headers());
    await handoff(org);
    await handoff(org);
    await first.waitFor(() => first.events().length >= 2);
    first.close();
    const lastSeen = first.events().at(-1)?.seq as number;
    // Changes made while the client is away…
    for (let i = 0; i < 5; i++) await handoff(org);
    const second = await openStream(streamUrl(), org.supervisor.api.headers(), lastSeen);
    await second.waitFor((m) => m.some((x) => x.event === "caught-up"));
    await handoff(org); // …and after it is back.
    await second.waitFor(() => second.events().length >= 6);
    second.close();
    const all = [...seqs(first.events()), ...seqs(second.events())];
    expect(all).toEqual(range(snapshot.seq + 1, snapshot.seq + 8));
  });

  it("tells a client that is too far behind to resync, then streams from the head", async () => {
    const local = await createTestOrg(server);
    for (let i = 0; i < 55; i++) await handoff(local);
    const stream = await openStream(streamUrl(), local.supervisor.api.headers(), 1);
    await stream.waitFor((m) => m.some((x) => x.event === "caught-up"));
    const resync = stream.messages.find((m) => m.event === "resync");
    expect(JSON.parse(resync?.data ?? "{}")).toMatchObject({ reason: "too_far_behind" });
    await handoff(local);
    await stream.waitFor(() => stream.events().length >= 1);
    stream.close();
    expect(stream.events()[0].seq).toBe(JSON.parse(resync?.data ?? "{}").seq + 1);
  });

  it("tells a client from the future (a position this log never reached) to resync", async () => {
    const stream = await openStream(streamUrl(), org.supervisor.api.headers(), 9_999_999);
    await stream.waitFor((m) => m.some((x) => x.event === "resync"));
    stream.close();
    expect(JSON.parse(stream.messages.find((m) => m.event === "resync")?.data ?? "{}").reason).toBe("unknown_position");
  });

  it("many concurrent changes arrive gap-free and in commit order", async () => {
    const local = await createTestOrg(server);
    const { body: snapshot } = await local.supervisor.api.get("/live-sessions");
    const stream = await openStream(`${streamUrl()}?after=${snapshot.seq}`, local.supervisor.api.headers());
    await Promise.all(Array.from({ length: 60 }, () => handoff(local)));
    await stream.waitFor(() => stream.events().length >= 60);
    stream.close();
    expect(seqs(stream.events())).toEqual(range(snapshot.seq + 1, snapshot.seq + 60));
  });
});

if (databaseKind === "postgres") {
  describe("two server processes on one PostgreSQL", () => {
    it("both stream every change, whichever process made it", async () => {
      // Both on the real clock: the other process must accept the sign-in this one issues.
      const first = await startTestServer();
      const other = await startChildServer({ DATABASE_URL: databaseUrl as string });
      try {
        const local = await createTestOrg(first);
        const { body: snapshot } = await local.supervisor.api.get("/live-sessions");
        const headers = local.supervisor.api.headers();
        const here = await openStream(`${first.url}/api/v1/live-sessions/stream?after=${snapshot.seq}`, headers);
        const there = await openStream(`${other.url}/api/v1/live-sessions/stream?after=${snapshot.seq}`, headers);
        const viaOther = new ApiClient(other.url, { key: local.key.key });
        await handoff(local); // through this process
        await viaOther.post("/handoffs", {
          customer: { name: "Via Other" },
          channel: { name: "Web", type: "web" },
          bot: { name: "B" },
        });
        await Promise.all([
          here.waitFor(() => here.events().length >= 3),
          there.waitFor(() => there.events().length >= 3),
        ]);
        here.close();
        there.close();
        // The second hand-off registered bot "B": three events in all, the same on both processes.
        expect(seqs(here.events())).toEqual(range(snapshot.seq + 1, snapshot.seq + 3));
        expect(seqs(there.events())).toEqual(seqs(here.events()));
      } finally {
        await other.stop();
        await first.close();
      }
    });
  });
}

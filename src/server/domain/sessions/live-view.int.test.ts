// The server's in-memory Live Sessions must answer exactly what a fresh read of the database would, after
// every kind of change, whichever process made it, and even when the doorbell of a change never rang.
import { describe, expect, it } from "vitest";
import { serverAndNeighbour } from "../../../../test/support/child";
import { createTestOrg, handoffBody, type TestOrg } from "../../../../test/support/fixtures";
import { databaseKind } from "../../../../test/support/server";
import { ApiClient } from "../../../shared/api-client";
import type { LiveSessionsSnapshot } from "../../../shared/sessions";
import { Writer } from "../../events/writer";
import { renameBot } from "../bots";
import { LiveSessionsView } from "./live-view";
import { readLiveSessions } from "./present";

const servers = serverAndNeighbour();

async function snapshot(org: TestOrg) {
  const reply = await org.supervisor.api.get("/live-sessions");
  expect(reply.status).toBe(200);
  return reply.body as LiveSessionsSnapshot;
}

/** The snapshot as served (from memory) equals a fresh read of the database, rows and sequence number. */
async function expectFresh(org: TestOrg) {
  const served = await snapshot(org);
  const fresh = await readLiveSessions(servers.main.services.db, org.org.id);
  expect(served.seq).toBe(fresh.seq);
  expect(served.sessions).toEqual(fresh.sessions);
  return served;
}

const where = databaseKind === "postgres" ? "another process" : "this process";

describe(`Live Sessions kept in memory (changes made by ${where})`, () => {
  it("equals a fresh read after hand-offs, accepts, transfers, ends and renames of every name a row shows", async () => {
    const org = await createTestOrg(servers.main);
    // Changes go through the other process when there is one: this one hears of them by doorbell only.
    const bot = servers.other ? new ApiClient(servers.other.url, { key: org.key.key }) : org.bot;
    const alice = servers.other ? new ApiClient(servers.other.url, { cookie: org.alice.sessionToken }) : org.alice.api;
    const bob = servers.other ? new ApiClient(servers.other.url, { cookie: org.bob.sessionToken }) : org.bob.api;
    const admin = servers.other ? new ApiClient(servers.other.url, { cookie: org.admin.sessionToken }) : org.admin.api;

    expect((await expectFresh(org)).sessions).toEqual([]); // the copy is made here, before any change
    const handoff = async (customer: { name: string; externalId?: string }) => {
      const reply = await bot.post("/handoffs", handoffBody({ customer }));
      expect(reply.status).toBe(201);
      return (reply.body as { sessionId: string }).sessionId;
    };

    const carla = await handoff({ name: "Carla", externalId: "carla-1" });
    const second = await handoff({ name: "Dan" });
    const third = await handoff({ name: "Eve" });
    expect((await expectFresh(org)).sessions.map((s) => s.id)).toEqual([carla, second, third]);

    expect((await alice.post(`/sessions/${carla}/accept`)).status).toBe(200);
    expect((await bob.post(`/sessions/${second}/accept`)).status).toBe(200);
    await expectFresh(org);

    expect((await bob.post(`/sessions/${second}/transfer`, { teamId: org.teams.billing })).status).toBe(200);
    expect((await bot.post(`/sessions/${third}/end`, {})).status).toBe(200);
    const afterMoves = await expectFresh(org);
    expect(afterMoves.sessions.map((s) => s.team.id).sort()).toEqual([org.teams.billing, org.teams.general].sort());

    expect((await admin.patch(`/teams/${org.teams.billing}`, { name: "Billing_EU" })).status).toBe(200);
    const botId = afterMoves.sessions[0].bot.id;
    expect((await admin.patch(`/bots/${botId}`, { name: "Helper Bot 2" })).status).toBe(200);
    expect((await admin.patch(`/users/${org.alice.user.id}`, { name: "Alice Renamed" })).status).toBe(200);
    await handoff({ name: "Carla Renamed", externalId: "carla-1" }); // a returning customer, named anew

    const renamed = await expectFresh(org);
    const names = renamed.sessions.map((s) => [s.customer.name, s.agent?.name ?? null, s.team.name, s.bot.name]);
    expect(names).toContainEqual(["Carla Renamed", "Alice Renamed", "General", "Helper Bot 2"]);
    expect(names.filter(([, , team]) => team === "Billing_EU")).toHaveLength(1);
  });
});

describe("a change whose doorbell never rang", () => {
  it("is in the next snapshot all the same: the copy reads the log up to the head the database has", async () => {
    const org = await createTestOrg(servers.main);
    const { db, hub, clock } = servers.main.services;
    // Waiting far longer than the test may run: the answer must come from the copy, not the fallback.
    const view = new LiveSessionsView(db, hub, { catchUpMs: 60_000 });
    try {
      await org.bot.post("/handoffs", handoffBody());
      const before = await view.snapshot(org.org.id);

      // A writer that tells nobody: its commit reaches neither the hub nor the bus.
      const silent = new Writer(servers.main.database, clock, () => {});
      await silent.run(org.org.id, (ctx) => renameBot(ctx, before.sessions[0].bot.id, "Quiet Bot"));

      const after = await view.snapshot(org.org.id);
      expect(after.seq).toBe(before.seq + 1);
      expect(after.sessions[0].bot.name).toBe("Quiet Bot");
      expect(after).toEqual(await readLiveSessions(db, org.org.id));
      expect(view.size).toBe(1);
    } finally {
      view.close();
    }
  });
});

describe("a copy nobody asks for", () => {
  it("is dropped after the idle time, and the next snapshot reads the database again", async () => {
    const org = await createTestOrg(servers.main);
    const { db, hub } = servers.main.services;
    const view = new LiveSessionsView(db, hub, { idleMs: 30 });
    try {
      await org.bot.post("/handoffs", handoffBody());
      expect((await view.snapshot(org.org.id)).sessions).toHaveLength(1);
      expect(view.size).toBe(1);
      await expect.poll(() => view.size, { timeout: 2_000 }).toBe(0);
      expect(await view.snapshot(org.org.id)).toEqual(await readLiveSessions(db, org.org.id));
    } finally {
      view.close();
    }
  });
});

describe("an observer of the live feed that fails", () => {
  it("is closed, and the change it was told of still commits and answers", async () => {
    const org = await createTestOrg(servers.main);
    const { hub } = servers.main.services;
    let closed = false;
    await hub.observe(org.org.id, await hub.headSeq(org.org.id), {
      apply() {
        throw new Error("observer failed");
      },
      close() {
        closed = true;
      },
    });
    expect((await org.bot.post("/handoffs", handoffBody())).status).toBe(201);
    await expect.poll(() => closed).toBe(true);
    expect((await org.bot.post("/handoffs", handoffBody())).status).toBe(201);
  });
});

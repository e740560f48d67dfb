// Configuration and its audit trail, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "../../../../test/support/fixtures";
import { startTestServer } from "../../../../test/support/server";
import type { Server } from "../../main";

let server: Server;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("configuration", () => {
  it("starts at the product's defaults", async () => {
    const org = await createTestOrg(server);
    expect((await org.alice.api.get("/settings")).body).toEqual({
      autoAccept: false,
      maxChatsPerAgent: 10,
      roundRobin: false,
      queueTimeoutMinutes: null,
      waitThresholds: { amberSeconds: 60, redSeconds: 180 },
    });
  });

  it("changes only the fields sent", async () => {
    const org = await createTestOrg(server);
    await org.supervisor.api.put("/settings", { roundRobin: true });
    const reply = await org.supervisor.api.put("/settings", { queueTimeoutMinutes: 30 });
    expect(reply.body).toMatchObject({ roundRobin: true, queueTimeoutMinutes: 30, maxChatsPerAgent: 10 });
    await org.supervisor.api.put("/settings", { queueTimeoutMinutes: null });
    expect((await org.supervisor.api.get("/settings")).body.queueTimeoutMinutes).toBeNull();
  });

  it.each([
    [{ maxChatsPerAgent: 0 }, "maxChatsPerAgent"],
    [{ maxChatsPerAgent: 101 }, "maxChatsPerAgent"],
    [{ maxChatsPerAgent: 2.5 }, "maxChatsPerAgent"],
    [{ queueTimeoutMinutes: 0 }, "queueTimeoutMinutes"],
    [{ queueTimeoutMinutes: 1441 }, "queueTimeoutMinutes"],
    [{ autoAccept: "yes" }, "autoAccept"],
    [{ roundRobin: 1 }, "roundRobin"],
    [{ waitThresholds: { amberSeconds: 120, redSeconds: 60 } }, "waitThresholds.redSeconds"],
    [{ waitThresholds: { amberSeconds: 0, redSeconds: 60 } }, "waitThresholds.amberSeconds"],
    [{ waitThresholds: { amberSeconds: 60 } }, "waitThresholds.redSeconds"],
    [{ colour: "blue" }, ""],
    [{}, ""],
  ])("%j is refused with a 400 naming %s, and changes nothing", async (body, field) => {
    const org = await createTestOrg(server);
    const before = await org.supervisor.api.get("/live-sessions");
    const reply = await org.supervisor.api.put("/settings", body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_input");
    if (field) expect(reply.body.error.field).toBe(field);
    expect((await org.supervisor.api.get("/live-sessions")).body.seq).toBe(before.body.seq);
    expect((await org.supervisor.api.get("/settings")).body.maxChatsPerAgent).toBe(10);
  });

  it("an agent may read the configuration but not change it", async () => {
    const org = await createTestOrg(server);
    expect((await org.alice.api.put("/settings", { autoAccept: true })).status).toBe(403);
  });
});

describe("audit log", () => {
  const kinds = async (org: TestOrg, query = "") =>
    (await org.supervisor.api.get(`/audit-log${query}`)).body.entries.map(
      (e: { kind: string; action: string }) => `${e.kind}:${e.action}`,
    );

  it("records every kind of configuration change: who, when, what, before and after", async () => {
    const org = await createTestOrg(server);
    const sup = org.supervisor.api;
    const team = (await sup.post("/teams", { name: "Audited", description: "first" })).body;
    await sup.patch(`/teams/${team.id}`, { description: "second" });
    await sup.put(`/teams/${team.id}/members/${org.alice.user.id}`);
    await sup.delete(`/teams/${team.id}/members/${org.alice.user.id}`);
    const rule = (
      await sup.post("/routing-rules", { name: "VIP", conditions: [{ key: "tier", value: "vip" }], teamId: team.id })
    ).body;
    await sup.patch(`/routing-rules/${rule.id}`, { enabled: false });
    await sup.delete(`/routing-rules/${rule.id}`);
    await sup.delete(`/teams/${team.id}`);
    await sup.put("/settings", { maxChatsPerAgent: 4 });
    await sup.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    await org.alice.api.put(`/agents/${org.alice.user.id}/status`, { status: "away" }); // one's own status: not audited

    expect(await kinds(org, `?userId=${org.supervisor.user.id}`)).toEqual([
      "agent_status:updated",
      "settings:updated",
      "team:deleted",
      "routing_rule:deleted",
      "routing_rule:updated",
      "routing_rule:created",
      "membership:deleted",
      "membership:created",
      "team:updated",
      "team:created",
    ]);
    const { entries } = (await sup.get(`/audit-log?userId=${org.supervisor.user.id}`)).body;
    expect(entries[0]).toMatchObject({
      actor: { id: org.supervisor.user.id, name: "Sam Supervisor" },
      summary: "Bob Agent: online → away",
      before: { status: "online" },
      after: { status: "away" },
    });
    expect(entries[1]).toMatchObject({
      summary: "Changed maxChatsPerAgent",
      before: { maxChatsPerAgent: 10 },
      after: { maxChatsPerAgent: 4 },
    });
    expect(entries[8]).toMatchObject({ before: { description: "first" }, after: { description: "second" } });
  });

  it("filters by kind and by user, and pages with a cursor", async () => {
    const org = await createTestOrg(server);
    for (let i = 0; i < 5; i++) await org.supervisor.api.put("/settings", { maxChatsPerAgent: i + 1 });
    await org.admin.api.post("/teams", { name: "ByAdmin" });
    expect(await kinds(org, "?kind=team")).toEqual(["team:created", "team:created", "team:created"]); // and the fixture's two
    const byAdmin = (await org.supervisor.api.get(`/audit-log?userId=${org.admin.user.id}`)).body.entries;
    expect(byAdmin.map((e: { summary: string }) => e.summary)).toEqual(["Team ByAdmin created"]);
    const first = (await org.supervisor.api.get("/audit-log?kind=settings&limit=2")).body;
    const second = (await org.supervisor.api.get(`/audit-log?kind=settings&limit=2&cursor=${first.nextCursor}`)).body;
    const third = (await org.supervisor.api.get(`/audit-log?kind=settings&limit=2&cursor=${second.nextCursor}`)).body;
    const pages = [first, second, third].map((p) =>
      p.entries.map((e: { after: { maxChatsPerAgent: number } }) => e.after.maxChatsPerAgent),
    );
    expect(pages).toEqual([[5, 4], [3, 2], [1]]);
    expect(third.nextCursor).toBeNull();
    const bad = await org.supervisor.api.get("/audit-log?cursor=nonsense");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("cursor");
  });
});

// Routing reads rules, teams, bots and settings from memory (domain/org-config.ts). Every change must reach
// the very next hand-off, made by this process or by another one on the same database.
import { describe, expect, it } from "vitest";
import { serverAndNeighbour } from "../../../../test/support/child";
import { createTestOrg, handoffBody, type TestOrg } from "../../../../test/support/fixtures";
import { databaseKind } from "../../../../test/support/server";
import { ApiClient } from "../../../shared/api-client";

const servers = serverAndNeighbour();

/** Hands off through the other process when there is one: its memory was filled before the change. */
async function handoffElsewhere(org: TestOrg, attributes: Record<string, string>, bot = "Helper Bot") {
  const client = new ApiClient(servers.other?.url ?? servers.main.url, { key: org.key.key });
  const reply = await client.post("/handoffs", handoffBody({ attributes, bot: { name: bot } }));
  expect(reply.status).toBe(201);
  return reply.body as { team: { id: string; name: string }; routingRuleId: string | null; sessionId: string };
}

describe(`routing sees every configuration change at once (${databaseKind === "postgres" ? "two processes" : "one process"})`, () => {
  it("a new rule, a disabled rule, a renamed team and a new default team", async () => {
    const org = await createTestOrg(servers.main);
    const sup = org.supervisor.api;
    expect((await handoffElsewhere(org, { tier: "vip" })).team.id).toBe(org.teams.general);

    const rule = (
      await sup.post("/routing-rules", {
        name: "VIP",
        conditions: [{ key: "tier", value: "vip" }],
        teamId: org.teams.billing,
      })
    ).body;
    const routed = await handoffElsewhere(org, { tier: "vip" });
    expect(routed).toMatchObject({ team: { id: org.teams.billing, name: "Billing" }, routingRuleId: rule.id });

    await sup.patch(`/teams/${org.teams.billing}`, { name: "Payments" });
    expect((await handoffElsewhere(org, { tier: "vip" })).team).toEqual({ id: org.teams.billing, name: "Payments" });

    await sup.patch(`/routing-rules/${rule.id}`, { enabled: false });
    expect((await handoffElsewhere(org, { tier: "vip" })).team.id).toBe(org.teams.general);

    await sup.patch(`/teams/${org.teams.support}`, { isDefault: true });
    expect((await handoffElsewhere(org, {})).team.id).toBe(org.teams.support);
  });

  it("a bot named for the first time is registered once, whichever process sees it first", async () => {
    const org = await createTestOrg(servers.main);
    const here = new ApiClient(servers.main.url, { key: org.key.key });
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? here.post("/handoffs", handoffBody({ bot: { name: "Night Bot" } }))
          : handoffElsewhere(org, {}, "Night Bot").then((body) => ({ status: 201, body })),
      ),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const bots = (await org.supervisor.api.get("/bots")).body.bots as { name: string }[];
    expect(bots.filter((b) => b.name === "Night Bot")).toHaveLength(1);
  });

  it("a bot created a moment ago can be handed off to by its id at once", async () => {
    const org = await createTestOrg(servers.main);
    await handoffElsewhere(org, {}); // fills the other process's memory before the bot exists
    const created = await org.admin.api.post("/bots", { name: "Fresh Bot" });
    expect(created.status).toBe(201);
    const client = new ApiClient(servers.other?.url ?? servers.main.url, { key: org.key.key });
    const reply = await client.post("/handoffs", handoffBody({ bot: { id: created.body.id } }));
    expect(reply.status).toBe(201);
  });

  it("auto-accept switched on is obeyed by the next hand-off", async () => {
    const org = await createTestOrg(servers.main);
    const first = await handoffElsewhere(org, {});
    await org.supervisor.api.put("/settings", { autoAccept: true });
    const second = await handoffElsewhere(org, {});
    const live = (await org.supervisor.api.get("/live-sessions")).body.sessions as { id: string; status: string }[];
    // Switching auto-accept on assigns the one already waiting; the next hand-off is assigned at once.
    expect(live.find((s) => s.id === first.sessionId)?.status).toBe("active");
    expect(live.find((s) => s.id === second.sessionId)?.status).toBe("active");
  });
});

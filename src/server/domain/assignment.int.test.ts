// Automatic assignment inside one batch: the pass runs once, after all of the transaction's commands, and
// counts what they changed.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, handoff, handoffBody } from "../../../test/support/fixtures";
import { startTestServer } from "../../../test/support/server";
import { rowsOf } from "../db/client";
import { sessions } from "../db/schema";
import type { Server } from "../main";
import { endSession } from "./sessions/end";
import { createHandoff, type Handoff } from "./sessions/handoff";

let server: Server;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("an assignment pass", () => {
  it("counts a chat its own transaction ended: the freed place goes to the request beside it", async () => {
    const org = await createTestOrg(server);
    expect((await org.supervisor.api.put("/settings", { autoAccept: true, maxChatsPerAgent: 1 })).status).toBe(200);
    await org.bob.api.put(`/agents/${org.bob.user.id}/status`, { status: "away" });
    const busy = await handoff(org); // goes to alice, now at the limit

    // Run in one turn of the event loop, the two commands share a transaction and its one pass.
    const { writer, db } = server.services;
    const alice = { kind: "user" as const, userId: org.alice.user.id, roles: org.alice.user.roles };
    const [, waiting] = await Promise.all([
      writer.run(org.org.id, (ctx) => endSession(ctx, busy.sessionId, alice)),
      writer.run(org.org.id, (ctx) => createHandoff(ctx, handoffBody() as Handoff)),
    ]);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, waiting.sessionId));
    expect(row).toMatchObject({ status: "active", agentId: org.alice.user.id });
    // One transaction wrote both rows last (xmin is the id of the transaction that wrote a row's version).
    const writers = rowsOf<{ xmin: string }>(
      await db.execute(sql`select xmin::text from sessions where id in (${busy.sessionId}, ${waiting.sessionId})`),
    );
    expect(new Set(writers.map((w) => w.xmin)).size).toBe(1);
  });
});

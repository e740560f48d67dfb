// Nothing lost: what was committed is there after the server is killed and started again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../../test/support/api";
import { startChildServer } from "../../../../test/support/child";
import { createTestOrg } from "../../../../test/support/fixtures";
import { databaseUrl } from "../../../../test/support/server";
import { loadConfig } from "../../config";
import { startServer } from "../../main";

const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-restart-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir };

describe("a server killed and started again", () => {
  it("still has every message and session it acknowledged", async () => {
    const setup = await startServer(loadConfig({ LOG_LEVEL: "silent", ...env }, { PORT: 0 }), {
      webRoot: "/nonexistent",
    });
    const org = await createTestOrg(setup);
    await setup.close();

    let child = await startChildServer(env);
    const bot = new ApiClient(child.url, { key: org.key.key });
    const handoff = await bot.post("/handoffs", {
      customer: { name: "Persistent Pat" },
      channel: { name: "Web", type: "web" },
      bot: { name: "Helper Bot" },
      history: [{ author: "customer", body: "Remember me?" }],
    });
    const alice = new ApiClient(child.url, { cookie: org.alice.sessionToken });
    await alice.post(`/sessions/${handoff.body.sessionId}/accept`);
    const widget = new ApiClient(child.url, { key: handoff.body.customerToken });
    await widget.post("/widget/messages", { body: "Still there?" });
    await alice.post(`/conversations/${handoff.body.conversationId}/messages`, { body: "Yes, still here." });
    await child.stop("SIGKILL");

    child = await startChildServer(env);
    try {
      const again = new ApiClient(child.url, { key: handoff.body.customerToken });
      const { body } = await again.get("/widget/conversation");
      expect(body).toMatchObject({ status: "active", agentName: "Alice Agent" });
      expect(body.messages.map((m: { body: string }) => m.body)).toEqual([
        "Remember me?",
        "Still there?",
        "Yes, still here.",
      ]);
    } finally {
      await child.stop();
    }
  });
});

import { it } from "vitest";
import { createTestOrg, handoff } from "/work/main/test/support/fixtures";
import { startTestServer } from "/work/main/test/support/server";
it("probe", async () => {
  const server = await startTestServer();
  const a = await createTestOrg(server);
  const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
  for (const [p, ops] of Object.entries(doc.paths)) console.log(p, Object.keys(ops as object).join(","));
  await server.close();
});

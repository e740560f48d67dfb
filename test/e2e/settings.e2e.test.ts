// The Settings pages in real Chromium (issue 6): a team and a routing rule made in the browser, the rule
// tried before and after saving, a matching hand-off reaching that team on Live Sessions; configuration
// saved and refused; the audit log listing the changes with before and after; axe-core clean on each page.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Server } from "../../src/server/main";
import { createTestOrg, handoff, type TestOrg } from "../support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { type E2eBrowser, launchBrowser } from "./support/browser";
import { startE2eServer } from "./support/server";

let server: Server;
let chromium: E2eBrowser;
beforeAll(async () => {
  server = await startE2eServer();
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

async function openPage(org: TestOrg, path: string, heading: string) {
  const page = await chromium.newSupervisorPage(server, org);
  await page.goto(`/supervisor/${path}`);
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
  return page;
}

const teamRow = (page: Page, name: string) =>
  page.locator("tr[data-team-id]").filter({ has: page.getByTestId("team-name").getByText(name, { exact: true }) });

async function choose(page: Page, label: string, option: string) {
  await page.getByRole("textbox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe("Settings", () => {
  test("the Settings section lists the Settings pages, and every page it lists is built", async () => {
    const org = await createTestOrg(server);
    const page = await openPage(org, "teams", "Teams");
    const links = page.getByRole("navigation", { name: "Settings" }).getByRole("link");
    const labels = await links.allTextContents();
    expect(labels.filter((l) => ["Teams", "Routing rules", "Configuration", "Audit log"].includes(l))).toEqual([
      "Teams",
      "Routing rules",
      "Configuration",
      "Audit log",
    ]);
    for (const label of labels) {
      await links.getByText(label, { exact: true }).click();
      await page.getByRole("heading", { name: label, level: 1 }).waitFor();
      expect(await page.getByText("Coming soon.").count()).toBe(0);
    }
  });

  test("a team and a rule made in the browser route a matching hand-off to that team", async () => {
    const org = await createTestOrg(server);
    const teams = await openPage(org, "teams", "Teams");
    await teamRow(teams, "General").getByText("Default").waitFor();
    await expectNoAxeViolations(teams);

    // Create a team: the name rule is checked in the browser first.
    await teams.getByRole("button", { name: "New team" }).click();
    const dialog = teams.getByRole("dialog", { name: "New team" });
    await dialog.getByLabel("Name").fill("VIP team");
    await dialog.getByRole("button", { name: "Create team" }).click();
    await dialog.getByText("Starts with a letter; letters, digits and _ only").waitFor();
    await dialog.getByLabel("Name").fill("Vip");
    await dialog.getByLabel("Description").fill("Gold plan customers");
    await expectNoAxeViolations(teams);
    await dialog.getByRole("button", { name: "Create team" }).click();
    await dialog.waitFor({ state: "detached" });
    const vip = teamRow(teams, "Vip");
    await vip.getByText("Gold plan customers").waitFor();

    // A name already taken: the server's 409 shows next to the name.
    await teams.getByRole("button", { name: "New team" }).click();
    await teams.getByRole("dialog").getByLabel("Name").fill("vip");
    await teams.getByRole("dialog").getByRole("button", { name: "Create team" }).click();
    await teams.getByRole("dialog").getByText("A team with this name already exists.").waitFor();
    await teams.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

    // Add a live agent to it.
    await teams.getByRole("button", { name: "Members of Vip" }).click();
    const members = teams.getByRole("dialog", { name: "Members of Vip" });
    await choose(teams, "Live agent to add", "Alice Agent");
    await members.getByRole("button", { name: "Add" }).click();
    await members.getByRole("button", { name: "Remove Alice Agent" }).waitFor();
    await expectNoAxeViolations(teams);
    await members.getByRole("button", { name: "Close" }).click();
    expect(await vip.getByTestId("team-members").textContent()).toBe("1");

    // The default team cannot be deleted: the server says why.
    await teams.getByRole("button", { name: "Delete General" }).click();
    await teams.getByRole("dialog").getByRole("button", { name: "Delete team" }).click();
    await teams
      .getByTestId("confirm-error")
      .getByText("The default team cannot be deleted", { exact: false })
      .waitFor();
    await teams.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

    // A rule: plan = gold → Vip, tried before saving and after.
    const rules = await openPage(org, "routing-rules", "Routing rules");
    await expectNoAxeViolations(rules);
    await rules.getByRole("button", { name: "New rule" }).click();
    const editor = rules.getByRole("region", { name: "New routing rule" });
    await editor.getByLabel("Name").fill("Gold plan");
    await choose(rules, "Team", "Vip");
    await editor.getByLabel("Condition 1 key").fill("plan");
    await editor.getByLabel("Condition 1 value").fill("gold");
    const tryIt = rules.getByRole("region", { name: "Try it" });
    await tryIt.getByLabel("Attribute 1 key").fill("plan");
    await tryIt.getByLabel("Attribute 1 value").fill("gold");
    await tryIt.getByRole("button", { name: "Try" }).click();
    await tryIt.getByTestId("try-team").getByText("General").waitFor();
    expect(await tryIt.getByTestId("try-rule").textContent()).toBe("none matches");
    expect(await tryIt.getByTestId("try-draft").textContent()).toContain("Gold plan (this rule) → Vip");
    await expectNoAxeViolations(rules);
    await editor.getByRole("button", { name: "Create rule" }).click();
    await editor.waitFor({ state: "detached" });
    await rules.locator("tr[data-rule-id]").getByText("Gold plan").waitFor();
    expect(await rules.locator("tr[data-rule-id]").getByTestId("rule-team").textContent()).toBe("Vip");
    await tryIt.getByRole("button", { name: "Try" }).click();
    await tryIt.getByTestId("try-team").getByText("Vip").waitFor();
    expect(await tryIt.getByTestId("try-rule").textContent()).toBe("Gold plan");

    // A matching hand-off through the API reaches Vip, and Live Sessions shows it there.
    const { sessionId, team } = await handoff(org, {
      customer: { name: "Goldie Customer" },
      attributes: { plan: "gold" },
    });
    expect(team.name).toBe("Vip");
    const live = await openPage(org, "live-sessions", "Live Sessions");
    const row = live.locator(`tr[data-session-id="${sessionId}"]`);
    await row.getByText("Goldie Customer").waitFor();
    expect(await row.textContent()).toContain("Vip");

    // Its live load shows on Teams, and a team with a live session cannot be deleted.
    await teams.reload();
    await teamRow(teams, "Vip").getByTestId("team-queued").getByText("1").waitFor();
    await teams.getByRole("button", { name: "Delete Vip" }).click();
    await teams.getByRole("dialog").getByRole("button", { name: "Delete team" }).click();
    await teams.getByTestId("confirm-error").getByText("This team has 1 queued or active session").waitFor({});
  });

  test("a team is renamed and described, loses a member, becomes the default; the old default can then go", async () => {
    const org = await createTestOrg(server);
    const page = await openPage(org, "teams", "Teams");
    await page.getByRole("button", { name: "Edit Billing" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit team Billing" });
    await dialog.getByLabel("Name").fill("Invoices");
    await dialog.getByLabel("Description").fill("Invoices and refunds");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    const invoices = teamRow(page, "Invoices");
    await invoices.getByText("Invoices and refunds").waitFor();

    await page.getByRole("button", { name: "Members of Invoices" }).click();
    const members = page.getByRole("dialog", { name: "Members of Invoices" });
    await members.getByRole("button", { name: "Remove Alice Agent" }).click();
    await members.getByRole("button", { name: "Remove Alice Agent" }).waitFor({ state: "detached" });
    await members.getByRole("button", { name: "Remove Bob Agent" }).waitFor();
    await members.getByRole("button", { name: "Close" }).click();
    await invoices.getByTestId("team-members").getByText("1").waitFor();

    await page.getByRole("button", { name: "Make default: Invoices" }).click();
    await invoices.getByText("Default").waitFor();
    await page.getByRole("button", { name: "Delete General" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete team" }).click();
    await teamRow(page, "General").waitFor({ state: "detached" });
    const { teams } = (await org.supervisor.api.get("/teams")).body;
    expect(teams.map((t: { name: string; isDefault: boolean }) => [t.name, t.isDefault])).toEqual([
      ["Invoices", true],
      ["Support", false],
    ]);
  });

  test("a live agent cannot open the Settings pages", async () => {
    const org = await createTestOrg(server);
    const page = await chromium.newPageAs(server, org.alice);
    await page.goto("/supervisor/teams");
    await page.waitForURL((url) => url.pathname === "/agent");
    expect(await page.getByRole("heading", { name: "Teams" }).count()).toBe(0);
  });

  test("a rule is edited, disabled and deleted; its conditions are checked before saving", async () => {
    const org = await createTestOrg(server);
    const created = await org.supervisor.api.post("/routing-rules", {
      name: "Billing questions",
      conditions: [{ key: "topic", value: "billing" }],
      teamId: org.teams.billing,
    });
    expect(created.status).toBe(201);
    const page = await openPage(org, "routing-rules", "Routing rules");
    const row = page.locator(`tr[data-rule-id="${created.body.id}"]`);
    await row.getByText("topic = billing").waitFor();

    await page.getByRole("button", { name: "Edit Billing questions" }).click();
    const editor = page.getByRole("region", { name: "Edit rule Billing questions" });
    await editor.getByRole("button", { name: "Add condition" }).click();
    await editor.getByLabel("Condition 2 key").fill("topic");
    await editor.getByLabel("Condition 2 value").fill("refunds");
    await editor.getByRole("button", { name: "Save rule" }).click();
    await editor.getByText("This key is already used above").waitFor();
    await editor.getByLabel("Condition 2 key").fill("lang");
    await editor.getByLabel("Condition 2 value").fill("fr");
    await editor.getByRole("button", { name: "Save rule" }).click();
    await editor.waitFor({ state: "detached" });
    await row.getByText("lang = fr").waitFor();

    const enabled = row.getByRole("switch", { name: "Billing questions enabled" });
    await enabled.click({ force: true });
    await expect.poll(() => enabled.isChecked()).toBe(false);
    await expect.poll(async () => (await org.supervisor.api.get("/routing-rules")).body.rules[0].enabled).toBe(false);

    await page.getByRole("button", { name: "Delete Billing questions" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
    await row.waitFor({ state: "detached" });
    expect((await org.supervisor.api.get("/routing-rules")).body.rules).toEqual([]);
  });

  test("configuration is saved, red must be above amber, and a change made elsewhere shows at once", async () => {
    const org = await createTestOrg(server);
    const page = await openPage(org, "configuration", "Configuration");
    await expectNoAxeViolations(page);

    await page.getByLabel("Amber after (seconds)").fill("30");
    await page.getByLabel("Red after (seconds)").fill("20");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Must be above the amber threshold").waitFor();
    await page.getByLabel("Red after (seconds)").fill("90");
    await page.getByLabel("Maximum concurrent chats per agent").fill("5");
    await page.getByRole("switch", { name: "Queue timeout" }).check({ force: true });
    await page.getByLabel("Queue timeout in minutes").fill("45");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("save-status").getByText("Saved.").waitFor();

    const settings = (await org.supervisor.api.get("/settings")).body;
    expect(settings).toMatchObject({
      autoAccept: false,
      maxChatsPerAgent: 5,
      queueTimeoutMinutes: 45,
      waitThresholds: { amberSeconds: 30, redSeconds: 90 },
    });
    await page.reload();
    await page.getByLabel("Red after (seconds)").waitFor();
    expect(await page.getByLabel("Red after (seconds)").inputValue()).toBe("90");
    expect(await page.getByLabel("Queue timeout in minutes").inputValue()).toBe("45");

    // A change made elsewhere shows at once on an open page that has no edits of its own.
    await org.admin.api.put("/settings", { maxChatsPerAgent: 7 });
    await expect.poll(() => page.getByLabel("Maximum concurrent chats per agent").inputValue()).toBe("7");
    // Live Agents reads the limit from the same settings.
    await page.getByRole("link", { name: "Live Agents" }).click();
    await page.getByTestId("agent-load").first().getByText("0 / 7").waitFor();
  });

  test("the audit log lists the changes newest first with before and after, filters them, and loads more", async () => {
    const org = await createTestOrg(server);
    const team = await org.supervisor.api.post("/teams", { name: "Vip", description: "" });
    await org.supervisor.api.put(`/teams/${team.body.id}/members/${org.alice.user.id}`);
    await org.supervisor.api.post("/routing-rules", {
      name: "Gold plan",
      conditions: [{ key: "plan", value: "gold" }],
      teamId: team.body.id,
    });
    await org.admin.api.put("/settings", { waitThresholds: { amberSeconds: 60, redSeconds: 240 } });

    const page = await openPage(org, "audit-log", "Audit log");
    const summaries = page.getByTestId("audit-summary");
    await summaries.first().getByText("Changed waitThresholds").waitFor();
    expect(await summaries.allInnerTexts()).toEqual([
      "Changed waitThresholds",
      "Rule Gold plan created",
      "Alice Agent added to Vip",
      "Team Vip created",
      "Team Billing created",
      "Team Support created",
    ]);
    expect(await page.getByTestId("audit-actor").allInnerTexts()).toEqual([
      "Ada Admin",
      "Sam Supervisor",
      "Sam Supervisor",
      "Sam Supervisor",
      "System",
      "System",
    ]);
    await page.getByRole("button", { name: "Show changes: Changed waitThresholds" }).click();
    const changes = page.getByRole("table", { name: "Changes: Changed waitThresholds" });
    expect(await changes.locator("tbody tr").allInnerTexts()).toEqual(["Red after (seconds)\t180\t240"]);
    await page.getByRole("button", { name: "Show changes: Alice Agent added to Vip" }).click();
    const membership = page.getByRole("table", { name: "Changes: Alice Agent added to Vip" });
    expect(await membership.getByTestId("change-after").allInnerTexts()).toEqual(["Vip", "Alice Agent"]);
    await expectNoAxeViolations(page);

    await choose(page, "Kind", "Routing rule");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=audit-summary]").length === 1);
    expect(await summaries.allInnerTexts()).toEqual(["Rule Gold plan created"]);
    expect(new URL(page.url()).searchParams.get("kind")).toBe("routing_rule");
    await page.goto("/supervisor/audit-log");
    await choose(page, "Changed by", "Ada Admin");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=audit-summary]").length === 1);
    expect(await summaries.allInnerTexts()).toEqual(["Changed waitThresholds"]);

    // More than a page (50): the rest comes with "Load more".
    for (let i = 0; i < 50; i++) await org.admin.api.put("/settings", { autoAccept: i % 2 === 0 });
    await page.goto("/supervisor/audit-log");
    await summaries.first().waitFor();
    expect(await summaries.count()).toBe(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=audit-summary]").length === 56);
    expect(await summaries.last().textContent()).toBe("Team Support created");
    await page.getByRole("button", { name: "Load more" }).waitFor({ state: "detached" });
  });
});

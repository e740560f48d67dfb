// Fixtures built through the domain, so they follow the rules: each test makes its own organization.
import { randomUUID } from "node:crypto";
import { systemActor } from "../../src/server/domain/actor";
import { createApiKey, login } from "../../src/server/domain/auth";
import { createBot } from "../../src/server/domain/bots";
import { createOrganization } from "../../src/server/domain/organizations";
import { createTeam } from "../../src/server/domain/teams";
import { createUser, prepareUser, setAgentStatus } from "../../src/server/domain/users";
import type { Server } from "../../src/server/main";
import type { Role } from "../../src/shared/people";
import type { HandoffRequest } from "../../src/shared/sessions";
import { ApiClient } from "./api";

const PASSWORD = "correct horse battery";

export async function createPerson(
  server: Server,
  orgId: string,
  roles: Role[],
  options: { name?: string; teamIds?: string[]; online?: boolean } = {},
) {
  const { writer, db, clock } = server.services;
  const email = `${roles.join("-")}-${randomUUID().slice(0, 8)}@example.test`;
  const prepared = await prepareUser({
    email,
    name: options.name ?? `${roles[0]} ${email.slice(-17, -13)}`,
    password: PASSWORD,
    roles,
    teamIds: options.teamIds,
  });
  const user = await writer.run(orgId, (ctx) => createUser(ctx, prepared));
  if (options.online)
    await writer.run(orgId, (ctx) =>
      setAgentStatus(ctx, user.id, "online", { kind: "user", userId: user.id, roles: user.roles }),
    );
  const session = await login(db, email, PASSWORD, clock.now(), 12);
  // The raw token too: browser tests set it as the sign-in cookie instead of filling in the form.
  return {
    user,
    email,
    password: PASSWORD,
    sessionToken: session.token,
    api: new ApiClient(server.url, { cookie: session.token }),
  };
}

/** An organization with a default team, two more teams, the bot "Helper Bot", a supervisor, an admin, two online agents and an API key. */
export async function createTestOrg(server: Server, name = `Org ${randomUUID().slice(0, 6)}`) {
  const { db, writer, clock } = server.services;
  const org = await createOrganization(db, { name });
  const support = await writer.run(org.id, (ctx) => createTeam(ctx, { name: "Support", description: "" }, systemActor));
  const billing = await writer.run(org.id, (ctx) => createTeam(ctx, { name: "Billing", description: "" }, systemActor));
  const supervisor = await createPerson(server, org.id, ["supervisor"], { name: "Sam Supervisor" });
  const admin = await createPerson(server, org.id, ["admin"], { name: "Ada Admin" });
  const teamIds = [org.defaultTeamId, support.id, billing.id];
  const alice = await createPerson(server, org.id, ["agent"], { name: "Alice Agent", teamIds, online: true });
  const bob = await createPerson(server, org.id, ["agent"], { name: "Bob Agent", teamIds, online: true });
  await writer.run(org.id, (ctx) => createBot(ctx, "Helper Bot"));
  const key = await createApiKey(db, org.id, "bot platform", clock.now());
  const bot = new ApiClient(server.url, { key: key.key });
  return {
    org,
    teams: { general: org.defaultTeamId, support: support.id, billing: billing.id },
    supervisor,
    admin,
    alice,
    bob,
    bot,
    key,
  };
}

export type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

export function handoffBody(overrides: Partial<HandoffRequest> = {}): HandoffRequest {
  return {
    customer: { name: `Customer ${randomUUID().slice(0, 4)}`, email: "customer@example.test" },
    channel: { name: "Website", type: "web" },
    bot: { name: "Helper Bot" },
    attributes: {},
    history: [
      { author: "customer", body: "My order has not arrived" },
      { author: "bot", body: "Let me get you a human." },
    ],
    ...overrides,
  };
}

export async function handoff(org: TestOrg, overrides: Partial<HandoffRequest> = {}) {
  const reply = await org.bot.post("/handoffs", handoffBody(overrides));
  if (reply.status !== 201) throw new Error(`handoff failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as {
    conversationId: string;
    sessionId: string;
    team: { id: string; name: string };
    customerToken: string;
  };
}

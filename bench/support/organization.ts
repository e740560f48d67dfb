// Runs inside the server process: builds a benchmark organization through the domain (so it follows the
// rules, as test fixtures do) and seeds live sessions through the same commands the API runs.
import { createApiKey, login } from "../../src/server/domain/auth";
import { createOrganization } from "../../src/server/domain/organizations";
import { acceptSession } from "../../src/server/domain/sessions/accept";
import { createHandoff } from "../../src/server/domain/sessions/handoff";
import { createUser, prepareUser, setAgentStatus } from "../../src/server/domain/users";
import type { Server } from "../../src/server/main";
import { handoffRequestSchema } from "../../src/shared/sessions";
import { handoffBody } from "./handoff-body";

const PASSWORD = "bench password 1234";

export interface Person {
  id: string;
  /** Sign-in token: the `sb_session` cookie. */
  token: string;
}

export interface BenchOrganization {
  orgId: string;
  defaultTeamId: string;
  apiKey: string;
  supervisor: Person;
  agents: Person[];
}

/** One organization: a supervisor, `agents` live agents online in the default team, and an API key. */
export async function createBenchOrganization(
  server: Server,
  input: { name: string; agents: number },
): Promise<BenchOrganization> {
  const { db, writer, clock } = server.services;
  const org = await createOrganization(db, { name: input.name });
  // scrypt is slow on purpose: hash the one password once and give it to everybody.
  const template = await prepareUser({ email: "x@example.test", name: "x", password: PASSWORD, roles: ["agent"] });
  const tag = org.id.slice(0, 8);

  const addPerson = async (name: string, roles: ("agent" | "supervisor")[], teamIds: string[] = []) => {
    const email = `${name.toLowerCase().replace(/\s+/g, ".")}.${tag}@example.test`;
    const user = await writer.run(org.id, (ctx) => createUser(ctx, { ...template, email, name, roles, teamIds }));
    if (roles.includes("agent"))
      await writer.run(org.id, (ctx) =>
        setAgentStatus(ctx, user.id, "online", { kind: "user", userId: user.id, roles: user.roles }),
      );
    const session = await login(db, email, PASSWORD, clock.now(), 12);
    return { id: user.id, token: session.token };
  };

  const supervisor = await addPerson("Sam Supervisor", ["supervisor"]);
  const agents: Person[] = [];
  for (let i = 1; i <= input.agents; i++) agents.push(await addPerson(`Agent ${i}`, ["agent"], [org.defaultTeamId]));
  const key = await createApiKey(db, org.id, "bench bot platform", clock.now());
  return { orgId: org.id, defaultTeamId: org.defaultTeamId, apiKey: key.key, supervisor, agents };
}

/**
 * `count` hand-offs, of which `activeShare` are then accepted (round robin over the agents), through the
 * writer like any API call. Issued in waves so the writer batches them as it would under load.
 */
export async function seedLiveSessions(
  server: Server,
  input: { org: BenchOrganization; count: number; activeShare: number },
): Promise<{ queued: number; active: number; seconds: number }> {
  const { writer } = server.services;
  const { org } = input;
  const started = performance.now();
  const wave = 256;
  const sessionIds: string[] = [];
  for (let from = 0; from < input.count; from += wave) {
    const size = Math.min(wave, input.count - from);
    const created = await Promise.all(
      Array.from({ length: size }, (_, i) => {
        const request = handoffRequestSchema.parse(handoffBody(from + i));
        return writer.run(org.orgId, (ctx) => createHandoff(ctx, request));
      }),
    );
    sessionIds.push(...created.map((c) => c.sessionId));
  }
  const toAccept = sessionIds.slice(0, Math.round(input.count * input.activeShare));
  for (let from = 0; from < toAccept.length; from += wave) {
    await Promise.all(
      toAccept.slice(from, from + wave).map((sessionId, i) => {
        const agent = org.agents[(from + i) % org.agents.length];
        return writer.run(org.orgId, (ctx) => acceptSession(ctx, sessionId, agent.id));
      }),
    );
  }
  return {
    queued: sessionIds.length - toAccept.length,
    active: toAccept.length,
    seconds: (performance.now() - started) / 1000,
  };
}

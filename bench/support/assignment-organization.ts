// Runs inside the server process: an organization for the assignment benchmark — `teams` teams of
// `agentsPerTeam` online agents, a routing rule per team (attribute `team` = its number), auto-accept on.
// Built through the domain, like the test fixtures.
import { systemActor } from "../../src/server/domain/actor";
import { createApiKey, login } from "../../src/server/domain/auth";
import { createOrganization } from "../../src/server/domain/organizations";
import { createRule } from "../../src/server/domain/routing-rules";
import { updateSettings } from "../../src/server/domain/settings-update";
import { createTeam } from "../../src/server/domain/teams";
import { createUser, prepareUser, setAgentStatus } from "../../src/server/domain/users";
import type { Server } from "../../src/server/main";

export interface AssignmentOrganization {
  orgId: string;
  apiKey: string;
  supervisorToken: string;
  teams: number;
  limit: number;
}

export async function createAssignmentOrganization(
  server: Server,
  input: { name: string; teams: number; agentsPerTeam: number; limit: number; autoAccept: boolean },
): Promise<AssignmentOrganization> {
  const { db, writer, clock } = server.services;
  const org = await createOrganization(db, { name: input.name });
  const run = <R>(command: Parameters<typeof writer.run<R>>[1]) => writer.run(org.id, command);
  const template = await prepareUser({
    email: "x@example.test",
    name: "x",
    password: "bench password 1234",
    roles: ["agent"],
  });
  const tag = org.id.slice(0, 8);
  for (let t = 0; t < input.teams; t++) {
    const team = await run((ctx) => createTeam(ctx, { name: `Team_${t}`, description: "" }, systemActor));
    await run((ctx) =>
      createRule(
        ctx,
        {
          name: `team ${t}`,
          description: "",
          conditions: [{ key: "team", value: String(t) }],
          teamId: team.id,
          enabled: true,
        },
        systemActor,
      ),
    );
    for (let a = 0; a < input.agentsPerTeam; a++) {
      const email = `agent.${t}.${a}.${tag}@example.test`;
      const user = await run((ctx) =>
        createUser(ctx, { ...template, email, name: `Agent ${t}.${a}`, teamIds: [team.id] }),
      );
      await run((ctx) => setAgentStatus(ctx, user.id, "online", systemActor));
    }
  }
  const supervisorEmail = `supervisor.${tag}@example.test`;
  await run((ctx) => createUser(ctx, { ...template, email: supervisorEmail, name: "Sam", roles: ["supervisor"] }));
  await run((ctx) => updateSettings(ctx, { autoAccept: input.autoAccept, maxChatsPerAgent: input.limit }, systemActor));
  const key = await createApiKey(db, org.id, "bench", clock.now());
  const supervisor = await login(db, supervisorEmail, "bench password 1234", clock.now(), 12);
  return { orgId: org.id, apiKey: key.key, supervisorToken: supervisor.token, teams: input.teams, limit: input.limit };
}

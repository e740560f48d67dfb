// The demo organization: teams, routing rules, bots, live agents, a supervisor and an admin. Seeding is
// idempotent, so `npm start` can run it on every start.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { teams, users } from "../db/schema";
import { systemActor } from "../domain/actor";
import { createApiKey, login } from "../domain/auth";
import { createBot } from "../domain/bots";
import { createOrganization, findOrganizationByName } from "../domain/organizations";
import { createRule } from "../domain/routing-rules";
import { createTeam } from "../domain/teams";
import { createUser, prepareUser } from "../domain/users";
import type { Writer } from "../events/writer";
import { seedDemoHistory } from "./demo-history";

export const DEMO_ORG = "Demo Contact Centre";
export const DEMO_PASSWORD = "switchboard";
export const DEMO_SUPERVISOR = "supervisor@demo.switchboard.test";
export const DEMO_ADMIN = "admin@demo.switchboard.test";

const TEAMS = [
  { name: "Billing", description: "Invoices, refunds and payment methods", rule: { key: "topic", value: "billing" } },
  { name: "Technical_Support", description: "Devices, apps and connectivity", rule: { key: "topic", value: "tech" } },
  { name: "Spanish", description: "Customers who write in Spanish", rule: { key: "language", value: "es" } },
];
const AGENTS: { name: string; teams: string[] }[] = [
  { name: "Priya Natarajan", teams: ["General", "Billing"] },
  { name: "Marcus Webb", teams: ["General", "Technical_Support"] },
  { name: "Lucía Fernández", teams: ["Spanish", "General"] },
  { name: "Tom Okafor", teams: ["Billing"] },
  { name: "Hannah Schmidt", teams: ["Technical_Support"] },
  { name: "Diego Ramírez", teams: ["Spanish", "Billing"] },
  { name: "Aiko Tanaka", teams: ["General"] },
  { name: "Sven Larsen", teams: ["Technical_Support", "General"] },
];
export const DEMO_BOTS = ["Ava", "OrderBot"];

export interface DemoOrganization {
  orgId: string;
  apiKey: string;
  supervisorToken: string;
  agents: { id: string; name: string; token: string; teamIds: string[] }[];
  teams: { id: string; name: string }[];
}

const emailOf = (name: string) =>
  `${name
    .split(" ")[0]
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase()}@demo.switchboard.test`;

export async function seedDemo(db: Db, writer: Writer, now: () => Date): Promise<DemoOrganization> {
  const existing = await findOrganizationByName(db, DEMO_ORG);
  const orgId = existing?.id ?? (await createFresh(db, writer));
  // A month of history behind a fresh demo, so Reports has full charts at once (demo-history.ts).
  if (!existing) await seedDemoHistory(db, orgId, now());
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.orgId, orgId));
  const token = async (email: string) => (await login(db, email, DEMO_PASSWORD, now(), 24 * 30)).token;
  const agents = [];
  for (const agent of AGENTS) {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.email, emailOf(agent.name))));
    const teamIds = teamRows.filter((t) => agent.teams.includes(t.name)).map((t) => t.id);
    agents.push({ id: row.id, name: agent.name, token: await token(emailOf(agent.name)), teamIds });
  }
  const { key } = await createApiKey(db, orgId, `demo simulator ${now().toISOString()}`, now());
  return { orgId, apiKey: key, supervisorToken: await token(DEMO_SUPERVISOR), agents, teams: teamRows };
}

async function createFresh(db: Db, writer: Writer): Promise<string> {
  const org = await createOrganization(db, { name: DEMO_ORG });
  const run = <R>(command: Parameters<Writer["run"]>[1]) => writer.run(org.id, command) as Promise<R>;
  const teamIds = new Map<string, string>([["General", org.defaultTeamId]]);
  for (const team of TEAMS) {
    const created = await run<{ id: string }>((ctx) =>
      createTeam(ctx, { name: team.name, description: team.description }, systemActor),
    );
    teamIds.set(team.name, created.id);
    await run((ctx) =>
      createRule(
        ctx,
        {
          name: `${team.rule.key} is ${team.rule.value}`,
          description: `Sends ${team.rule.key}=${team.rule.value} to ${team.name}`,
          conditions: [team.rule],
          teamId: created.id,
          enabled: true,
        },
        systemActor,
      ),
    );
  }
  for (const name of DEMO_BOTS) await run((ctx) => createBot(ctx, name));
  const people = [
    { email: DEMO_SUPERVISOR, name: "Sam Rivera", roles: ["supervisor" as const], teamIds: [] as string[] },
    { email: DEMO_ADMIN, name: "Alex Morgan", roles: ["admin" as const], teamIds: [] as string[] },
    ...AGENTS.map((a) => ({
      email: emailOf(a.name),
      name: a.name,
      roles: ["agent" as const],
      teamIds: a.teams.map((t) => teamIds.get(t) as string),
    })),
  ];
  for (const person of people) {
    const prepared = await prepareUser({ ...person, password: DEMO_PASSWORD });
    await run((ctx) => createUser(ctx, prepared));
  }
  return org.id;
}

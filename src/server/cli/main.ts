// The `switchboard` command: serve, migrate, create organizations, users and API keys, run the demo.
import { Command, InvalidArgumentError } from "commander";
import { type Role, roles } from "../../shared/people";
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { createApiKey } from "../domain/auth";
import { createOrganization, findOrganizationByName } from "../domain/organizations";
import { createUser, prepareUser } from "../domain/users";
import { Writer } from "../events/writer";
import { openConfiguredDatabase, startServer } from "../main";
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_SUPERVISOR, seedDemo } from "../sim/demo-seed";
import { TrafficSimulator } from "../sim/simulator";

const program = new Command("switchboard").description("Switchboard: live-agent console for contact centres");

/** Opens the configured database, runs `work`, and closes it: for the one-off commands. */
async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>) {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

async function resolveOrg(db: Awaited<ReturnType<typeof openConfiguredDatabase>>["db"], idOrName: string) {
  const org = await findOrganizationByName(db, idOrName);
  if (org) return org.id;
  if (/^[0-9a-f-]{36}$/i.test(idOrName)) return idOrName;
  throw new Error(`No organization named "${idOrName}".`);
}

function stopOnSignal(stop: () => Promise<void>) {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

program
  .command("serve")
  .description("start the HTTP server (migrates first)")
  .action(async () => {
    const server = await startServer(loadConfig());
    console.log(`Switchboard listening on ${server.url}`);
    stopOnSignal(() => server.close());
  });

program
  .command("migrate")
  .description("apply database migrations")
  .action(() => withDatabase(async () => console.log("Database is up to date.")));

program
  .command("create-org")
  .requiredOption("--name <name>", "organization name")
  .action(({ name }) =>
    withDatabase(async ({ db }) => {
      const org = await createOrganization(db, { name });
      console.log(`Created organization "${name}" with id ${org.id} (default team "General").`);
    }),
  );

const parseRole = (value: string, previous: Role[] = []) => {
  if (!(roles as readonly string[]).includes(value))
    throw new InvalidArgumentError(`role must be one of ${roles.join(", ")}`);
  return [...previous, value as Role];
};

program
  .command("create-user")
  .requiredOption("--org <id or name>", "organization")
  .requiredOption("--email <email>", "sign-in email")
  .requiredOption("--password <password>", "at least 8 characters")
  .requiredOption("--role <role>", "admin, supervisor or agent (repeat for several)", parseRole)
  .option("--name <name>", "display name (default: from the email)")
  .action((options) =>
    withDatabase(async (database) => {
      const orgId = await resolveOrg(database.db, options.org);
      const writer = new Writer(database, systemClock, () => {});
      const prepared = await prepareUser({
        email: options.email,
        name: options.name ?? options.email.split("@")[0],
        password: options.password,
        roles: options.role,
      });
      const user = await writer.run(orgId, (ctx) => createUser(ctx, prepared));
      console.log(`Created ${user.roles.join("+")} ${user.email} (${user.id}).`);
    }),
  );

program
  .command("create-api-key")
  .requiredOption("--org <id or name>", "organization")
  .option("--name <name>", "what the key is for", "integration")
  .action((options) =>
    withDatabase(async ({ db }) => {
      const orgId = await resolveOrg(db, options.org);
      const key = await createApiKey(db, orgId, options.name, new Date());
      console.log("API key (shown once; store it now):");
      console.log(key.key);
    }),
  );

program
  .command("demo")
  .description("seed the demo organization, serve it, and run a traffic simulator")
  .option("--speed <factor>", "simulator speed-up, e.g. 5 for five times faster", "1")
  .action(async (options) => {
    // The simulator makes a few requests a second; the demo logs only what needs attention.
    const config = loadConfig({ LOG_LEVEL: "warn", ...process.env });
    const server = await startServer(config);
    const demo = await seedDemo(server.services.db, server.services.writer, () => new Date());
    const simulator = new TrafficSimulator(server.url, demo, {
      timeScale: 1 / Number(options.speed),
      onError: (error) => console.error("simulator:", error instanceof Error ? error.message : error),
    });
    await simulator.start();
    console.log(`
Switchboard demo is running at ${server.url}

  Supervisor:  ${DEMO_SUPERVISOR}  /  ${DEMO_PASSWORD}   → ${server.url}/supervisor/live-sessions
  Admin:       ${DEMO_ADMIN}  /  ${DEMO_PASSWORD}
  Agents:      ${demo.agents.map((a) => a.name.split(" ")[0].toLowerCase()).join(", ")} (…@demo.switchboard.test / ${DEMO_PASSWORD})
  Customer:    ${server.url}/widget-demo.html?org=${demo.orgId}&bot=Ava   (the chat widget on a sample page)
  Agent:       ${server.url}/agent   (sign in as an agent in another window)
  API key:     ${demo.apiKey}
  API docs:    ${server.url}/api/openapi.json
  Database:    ${config.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded, in ${config.DATA_DIR}`}

A simulator is handing chats over, accepting, chatting, transferring and ending them. Ctrl-C stops.`);
    stopOnSignal(async () => {
      simulator.stop();
      await server.close();
    });
  });

program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// The composition root: config → database → bus → writer and hub → HTTP app → listen.
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { type Clock, systemClock } from "./clock";
import type { Config } from "./config";
import { type Database, openDatabase } from "./db/client";
import { LiveSessionsView } from "./domain/sessions/live-view";
import { type Bus, InProcessBus, PostgresBus } from "./events/bus";
import { StreamHub } from "./events/hub";
import { pruneEvents } from "./events/log";
import { Writer } from "./events/writer";
import { buildApp } from "./http/app";
import { CredentialCache } from "./http/credential-cache";
import type { Services } from "./http/services";
import { startExportRunner } from "./jobs/export-runner";
import { startQueueTimeoutSweeper } from "./jobs/queue-timeout";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const defaultWebRoot = path.join(projectRoot, "dist/web");
export const defaultWidgetRoot = path.join(projectRoot, "dist/widget");

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL ? openDatabase({ url: config.DATABASE_URL }) : openDatabase({ dataDir: config.DATA_DIR });
}

export interface Server {
  url: string;
  services: Services;
  database: Database;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { clock?: Clock; database?: Database; webRoot?: string } = {},
): Promise<Server> {
  const logger = pino({ level: config.LOG_LEVEL });
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openConfiguredDatabase(config));
  await database.migrate();

  const hub = new StreamHub(database.db, (err) => logger.error({ err }, "live feed read failed"));
  let bus: Bus = new InProcessBus();
  if (database.kind === "postgres") {
    const pgBus = new PostgresBus(database, () => hub.ringAll());
    await pgBus.start();
    bus = pgBus;
  }
  bus.subscribe((orgId, seq) => hub.ring(orgId, seq));
  bus.onEphemeral((orgId, name, data) => hub.ephemeral(orgId, name, data));
  const writer = new Writer(database, clock, (orgId, events) => hub.deliver(orgId, events));
  const liveView = new LiveSessionsView(database.db, hub);
  const services: Services = {
    config,
    db: database.db,
    writer,
    hub,
    liveView,
    bus,
    clock,
    credentials: new CredentialCache(),
  };

  const app = await buildApp({
    services,
    logger,
    webRoot: options.webRoot ?? defaultWebRoot,
    widgetRoot: defaultWidgetRoot,
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace("[::1]", "localhost");

  const prune = setInterval(
    () => {
      const before = new Date(clock.now().getTime() - config.EVENT_RETENTION_HOURS * 3_600_000);
      pruneEvents(database.db, before).catch((err) => logger.warn({ err }, "event pruning failed"));
    },
    60 * 60 * 1000,
  );
  prune.unref();
  const sweeper = startQueueTimeoutSweeper(database, writer, (err) =>
    logger.warn({ err }, "queue timeout sweep failed"),
  );
  const exportRunner = startExportRunner({
    database,
    clock,
    config,
    onError: (err) => logger.warn({ err }, "export failed"),
  });

  return {
    url,
    services,
    database,
    async close() {
      clearInterval(prune);
      await sweeper.stop();
      await exportRunner.stop();
      liveView.close();
      hub.close();
      await app.close();
      await bus.close();
      if (!options.database) await database.close();
    },
  };
}

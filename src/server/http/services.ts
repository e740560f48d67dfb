// What routes are given to work with: the database, the writer that runs commands, the live hub and the
// Live Sessions kept from it.
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { LiveSessionsView } from "../domain/sessions/live-view";
import type { Bus } from "../events/bus";
import type { StreamHub } from "../events/hub";
import type { Writer } from "../events/writer";
import type { CredentialCache } from "./credential-cache";

export interface Services {
  config: Config;
  db: Db;
  writer: Writer;
  hub: StreamHub;
  /** Live Sessions kept in memory per watched organization, for the snapshot. */
  liveView: LiveSessionsView;
  bus: Bus;
  clock: Clock;
  credentials: CredentialCache;
}

declare module "fastify" {
  interface FastifyInstance {
    services: Services;
  }
}

// How a server process learns that an organization's log has grown. A doorbell only: it carries the
// newest sequence number, and the listener reads the events themselves from the log.
import { sql } from "drizzle-orm";
import type pg from "pg";
import type { Database } from "../db/client";
import { NOTIFY_CHANNEL, PROCESS_ID } from "./writer";

export type Doorbell = (orgId: string, seq: number) => void;
export type EphemeralListener = (orgId: string, name: string, data: unknown) => void;

const EPHEMERAL_CHANNEL = "switchboard_ephemeral";

export interface Bus {
  /** Called for every committed change; `seq` is the organization's newest sequence number. */
  subscribe(listener: Doorbell): void;
  /** Tells the other processes of something that is not a change (someone typing); never logged. */
  publishEphemeral(orgId: string, name: string, data: unknown): Promise<void>;
  onEphemeral(listener: EphemeralListener): void;
  close(): Promise<void>;
}

/** Embedded database: one process owns the data, so the writer's own deliveries are all there is. */
export class InProcessBus implements Bus {
  subscribe(): void {}
  async publishEphemeral() {}
  onEphemeral(): void {}
  async close() {}
}

/**
 * PostgreSQL: LISTEN on a dedicated connection. The writer's NOTIFY is sent inside the committing
 * transaction, so every process (this one included) hears of a change only once it is committed.
 * After the connection drops, it reconnects and rings for every organization so listeners re-read.
 */
export class PostgresBus implements Bus {
  private listeners: Doorbell[] = [];
  private ephemeralListeners: EphemeralListener[] = [];
  private client: pg.Client | null = null;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly onReconnect: () => void = () => {},
  ) {}

  async start() {
    await this.connect();
  }

  subscribe(listener: Doorbell) {
    this.listeners.push(listener);
  }

  onEphemeral(listener: EphemeralListener) {
    this.ephemeralListeners.push(listener);
  }

  async publishEphemeral(orgId: string, name: string, data: unknown) {
    const payload = JSON.stringify({ processId: PROCESS_ID, orgId, name, data });
    await this.database.db.execute(sql`select pg_notify(${EPHEMERAL_CHANNEL}, ${payload})`);
  }

  private async connect(): Promise<void> {
    const connecting = this.database.connectListener();
    if (!connecting) throw new Error("PostgresBus needs a PostgreSQL database");
    const client = await connecting;
    client.on("notification", (msg) => {
      if (msg.channel === EPHEMERAL_CHANNEL && msg.payload) {
        const { processId, orgId, name, data } = JSON.parse(msg.payload);
        if (processId !== PROCESS_ID) for (const listener of this.ephemeralListeners) listener(orgId, name, data);
        return;
      }
      if (msg.channel !== NOTIFY_CHANNEL || !msg.payload) return;
      const [orgId, seq, processId] = msg.payload.split(":");
      // Our own commits reach the hub directly, before this ring could; reading them back would be waste.
      if (processId === PROCESS_ID) return;
      for (const listener of this.listeners) listener(orgId, Number(seq));
    });
    client.on("error", () => this.reconnectSoon());
    client.on("end", () => this.reconnectSoon());
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    await client.query(`LISTEN ${EPHEMERAL_CHANNEL}`);
    this.client = client;
  }

  private reconnectSoon() {
    if (this.closed || !this.client) return;
    this.client = null;
    const retry = () => {
      if (this.closed) return;
      this.connect().then(this.onReconnect, () => setTimeout(retry, 1000));
    };
    setTimeout(retry, 200);
  }

  async close() {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

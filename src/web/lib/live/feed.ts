// One live stream per browser, shared by all its console tabs: browsers allow six HTTP/1.1 connections per
// host and each open stream holds one, so ten tabs must not each open their own. The tab holding a Web Lock
// is the leader: it opens the EventSource and rebroadcasts what it hears over a BroadcastChannel; when it
// closes, the lock passes to another tab, which reopens the stream from the last sequence number seen.
import type { Typing } from "../../../shared/agent-console";
import type { LiveEvent } from "../../../shared/events";
import { controlEvents } from "../../../shared/events";
import { serverClock } from "../server-clock";
import { type Connection, type ConnectionSignal, initialConnection, nextConnection } from "./connection";

export type FeedMessage =
  | { kind: "event"; event: LiveEvent }
  | { kind: "resync"; seq: number }
  | { kind: "caught-up"; seq: number }
  | { kind: "heartbeat"; seq: number }
  /** Someone is typing (the agent stream only): ephemeral, carries no sequence number. */
  | { kind: "typing"; typing: Typing };

/** The named SSE event of the agent stream that carries a `Typing`. */
const TYPING_EVENT = "typing";

/** Between tabs: what the leader heard, its connection, and a new tab asking for that connection. */
type Wire = FeedMessage | { kind: "connection"; connection: Connection } | { kind: "hello" };

const SILENCE_MS = 40_000;
const MAX_BACKOFF_MS = 30_000;

export class LiveFeed {
  private readonly listeners = new Set<(message: FeedMessage) => void>();
  private readonly connectionListeners = new Set<() => void>();
  private connection: Connection = initialConnection;
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  /** The last sequence number heard; null until then, and the stream starts at the head. */
  private lastSeq: number | null;
  private stopped = false;
  private releaseLock: (() => void) | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private backoffMs = 1_000;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  isLeader = false;

  constructor(
    private readonly streamUrl: string,
    private readonly scope: string,
    startSeq: number | null = null,
  ) {
    this.lastSeq = startSeq;
  }

  start() {
    if (typeof BroadcastChannel !== "undefined") {
      this.channel = new BroadcastChannel(`switchboard-live:${this.scope}`);
      this.channel.onmessage = (e: MessageEvent<Wire>) => this.receive(e.data, false);
      this.channel.postMessage({ kind: "hello" } satisfies Wire);
    }
    this.watchdog = setInterval(() => this.checkSilence(), 5_000);
    if (typeof navigator !== "undefined" && navigator.locks) {
      void navigator.locks.request(`switchboard-live:${this.scope}`, () => {
        if (this.stopped) return;
        return new Promise<void>((release) => {
          this.releaseLock = release;
          this.lead();
        });
      });
    } else {
      this.lead();
    }
  }

  stop() {
    this.stopped = true;
    this.source?.close();
    this.channel?.close();
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.releaseLock?.();
  }

  subscribe(listener: (message: FeedMessage) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onConnectionChange(listener: () => void) {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  getConnection = () => this.connection;

  private lead() {
    this.isLeader = true;
    this.open();
  }

  private open() {
    if (this.stopped) return;
    this.source?.close();
    const source = new EventSource(this.lastSeq === null ? this.streamUrl : `${this.streamUrl}?after=${this.lastSeq}`);
    this.source = source;
    source.onopen = () => {
      this.backoffMs = 1_000;
    };
    source.onmessage = (e) => this.hear({ kind: "event", event: JSON.parse(e.data) });
    source.addEventListener(controlEvents.caughtUp, (e) =>
      this.hear({ kind: "caught-up", seq: JSON.parse((e as MessageEvent).data).seq }),
    );
    source.addEventListener(controlEvents.resync, (e) =>
      this.hear({ kind: "resync", seq: JSON.parse((e as MessageEvent).data).seq }),
    );
    source.addEventListener(controlEvents.heartbeat, (e) =>
      this.hear({ kind: "heartbeat", seq: JSON.parse((e as MessageEvent).data).seq }),
    );
    source.addEventListener(TYPING_EVENT, (e) =>
      this.hear({ kind: "typing", typing: JSON.parse((e as MessageEvent).data) }),
    );
    source.onerror = () => {
      this.signal("error");
      // EventSource retries by itself (sending Last-Event-ID) unless the server answered with an error;
      // then it gives up, and we reopen with backoff from the last sequence number we saw.
      if (source.readyState === EventSource.CLOSED) this.reopenLater();
    };
  }

  private reopenLater() {
    if (this.reopenTimer || this.stopped) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      this.open();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  /** The leader heard something: pass it on to this tab and to the others. */
  private hear(message: FeedMessage) {
    if (message.kind === "event") this.lastSeq = Math.max(this.lastSeq ?? 0, message.event.seq);
    this.channel?.postMessage(message satisfies Wire);
    this.receive(message, true);
  }

  private receive(message: Wire, fromThisTab: boolean) {
    if (message.kind === "hello") {
      if (this.isLeader) this.channel?.postMessage({ kind: "connection", connection: this.connection } satisfies Wire);
      return;
    }
    if (message.kind === "connection") {
      if (!fromThisTab) this.setConnection(message.connection);
      return;
    }
    if (message.kind === "event") this.lastSeq = Math.max(this.lastSeq ?? 0, message.event.seq);
    this.signal(message.kind === "caught-up" ? "caught-up" : "message");
    for (const listener of this.listeners) listener(message);
  }

  private signal(signal: ConnectionSignal) {
    const next = nextConnection(this.connection, signal, serverClock.now());
    if (next === this.connection) return;
    this.setConnection(next);
    if (this.isLeader) this.channel?.postMessage({ kind: "connection", connection: next } satisfies Wire);
  }

  private setConnection(connection: Connection) {
    this.connection = connection;
    for (const listener of this.connectionListeners) listener();
  }

  /** After sleep or a silent network cut the stream can look open and carry nothing: reopen it. */
  private checkSilence() {
    const last = this.connection.lastHeardAt;
    if (last === null || serverClock.now() - last < SILENCE_MS) return;
    this.signal("silence");
    if (this.isLeader) {
      this.signal("reopen");
      this.open();
    }
  }
}

// The conversation's event stream: one EventSource, reopened from the last applied sequence number when
// it fails for good or goes silent (a sleeping laptop, a cut network) — the server sends a heartbeat
// every 15 s, so 40 s of silence means the connection is dead even if the browser has not noticed.
import type { Typing } from "../shared/agent-console";
import type { controlEvents, LiveEvent } from "../shared/events";

/** Names of the control events, checked against the contract without importing its zod schemas. */
const caughtUp: (typeof controlEvents)["caughtUp"] = "caught-up";
const resync: (typeof controlEvents)["resync"] = "resync";
const heartbeat: (typeof controlEvents)["heartbeat"] = "heartbeat";

export interface StreamListener {
  event(event: LiveEvent): void;
  typing(typing: Typing): void;
  /** A server timestamp heard at this performance.now() instant (caught-up and heartbeats). */
  serverTime(serverTime: string, receivedAt: number): void;
  /** The stream cannot replay what was missed: refetch the conversation. */
  resync(): void;
  /** The stream is (again) connected: a moment to retry unsent messages. */
  connected(): void;
}

const SILENCE_MS = 40_000;
const MAX_BACKOFF_MS = 30_000;

export class ConversationStream {
  private source: EventSource | null = null;
  private lastHeardAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private backoffMs = 1_000;

  constructor(
    private readonly url: () => string,
    private readonly listener: StreamListener,
  ) {}

  open() {
    this.close();
    const source = new EventSource(this.url());
    this.source = source;
    this.lastHeardAt = performance.now();
    this.watchdog = setInterval(() => {
      if (performance.now() - this.lastHeardAt > SILENCE_MS) this.open();
    }, 5_000);
    const heard = <T>(handle: (payload: T) => void) => {
      return (e: Event) => {
        this.lastHeardAt = performance.now();
        let payload: T;
        try {
          payload = JSON.parse((e as MessageEvent).data);
        } catch {
          return;
        }
        handle(payload);
      };
    };
    source.onopen = () => {
      this.backoffMs = 1_000;
      this.lastHeardAt = performance.now();
      this.listener.connected();
    };
    source.onmessage = heard<LiveEvent>((event) => this.listener.event(event));
    source.addEventListener(
      "typing",
      heard<Typing>((typing) => this.listener.typing(typing)),
    );
    source.addEventListener(
      caughtUp,
      heard<{ serverTime: string }>((p) => this.listener.serverTime(p.serverTime, performance.now())),
    );
    source.addEventListener(
      heartbeat,
      heard<{ serverTime: string }>((p) => this.listener.serverTime(p.serverTime, performance.now())),
    );
    source.addEventListener(
      resync,
      heard(() => this.listener.resync()),
    );
    source.onerror = () => {
      // EventSource retries by itself unless the server answered with an error; then we reopen, with
      // backoff, from the last sequence number applied.
      if (source.readyState === EventSource.CLOSED) this.reopenLater();
    };
  }

  close() {
    this.source?.close();
    this.source = null;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.watchdog = null;
    this.reopenTimer = null;
  }

  private reopenLater() {
    if (this.reopenTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      this.open();
    }, delay);
  }
}

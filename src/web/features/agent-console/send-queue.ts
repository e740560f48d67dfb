// The agent's outgoing messages until the server has them. Each carries an id made here, so a send retried
// after a reconnect is stored once (the server answers 200 with the stored copy): no loss, no duplicate.
// Messages of one conversation go one at a time, in order; a send that could not reach the server waits
// and is retried (after a pause, and at once when the live stream reconnects). A refusal is final.
import type { Message } from "../../../shared/messages";
import { ApiError } from "../../lib/api";

export interface PendingMessage {
  id: string;
  conversationId: string;
  body: string;
  /** sending: on the wire; waiting: to be retried; failed: refused by the server, with its reason. */
  state: "sending" | "waiting" | "failed";
  error: string | null;
}

export type PostMessage = (message: { id: string; conversationId: string; body: string }) => Promise<Message>;

/** Worth retrying: the network or the server failed, rather than the server refusing this message. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

export class SendQueue {
  private pending: PendingMessage[] = [];
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelayMs = RETRY_MIN_MS;
  private isStopped = false;

  constructor(
    private readonly post: PostMessage,
    private readonly onSent: (message: Message) => void,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Every unsent message, oldest first; a new array after each change. */
  getPending = () => this.pending;

  send(conversationId: string, body: string): PendingMessage {
    const message: PendingMessage = { id: this.newId(), conversationId, body, state: "waiting", error: null };
    this.pending = [...this.pending, message];
    this.notify();
    void this.flush(conversationId);
    return message;
  }

  /** Sends every waiting message again, with the same ids (the stream reconnected, or the timer fired). */
  retry() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const conversationId of new Set(this.pending.map((p) => p.conversationId))) void this.flush(conversationId);
  }

  discard(id: string) {
    this.pending = this.pending.filter((p) => p.id !== id || p.state === "sending");
    this.notify();
  }

  stop() {
    this.isStopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private async flush(conversationId: string): Promise<void> {
    if (this.inFlight.has(conversationId) || this.isStopped) return;
    const next = this.pending.find((p) => p.conversationId === conversationId && p.state === "waiting");
    if (!next) return;
    this.inFlight.add(conversationId);
    this.replace(next.id, { state: "sending" });
    try {
      const stored = await this.post({ id: next.id, conversationId, body: next.body });
      this.pending = this.pending.filter((p) => p.id !== next.id);
      this.retryDelayMs = RETRY_MIN_MS;
      this.onSent(stored);
      this.notify();
    } catch (error) {
      if (isTransient(error)) {
        this.replace(next.id, { state: "waiting" });
        this.inFlight.delete(conversationId);
        this.retryLater();
        return;
      }
      this.replace(next.id, {
        state: "failed",
        error: error instanceof ApiError ? error.message : "The message could not be sent.",
      });
    }
    this.inFlight.delete(conversationId);
    await this.flush(conversationId);
  }

  private retryLater() {
    if (this.retryTimer || this.isStopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retry();
    }, this.retryDelayMs);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
  }

  private replace(id: string, patch: Partial<PendingMessage>) {
    this.pending = this.pending.map((p) => (p.id === id ? { ...p, ...patch } : p));
    this.notify();
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }
}

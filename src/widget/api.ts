// The widget's side of the HTTP API (src/shared/widget.ts): the hand-off, then everything else with the
// conversation's customer token. The API lives wherever widget.js was served from, not on the host page.
import type { ApiError } from "../shared/errors";
import type { Message } from "../shared/messages";
import type { WidgetConversation } from "../shared/widget";

export interface HandoffBody {
  orgId: string;
  bot: { name: string };
  customer: { name: string; email?: string };
  attributes?: Record<string, string>;
  history?: { author: "customer" | "bot"; body: string }[];
}

export interface Credentials {
  conversationId: string;
  customerToken: string;
}

/** An answer other than 2xx, or no answer (`status` 0: the network failed). */
export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class WidgetApi {
  token: string | null = null;

  constructor(readonly origin: string) {}

  handoff(body: HandoffBody) {
    return this.request<Credentials>("POST", "/handoffs", body);
  }

  /** The conversation, with the performance.now() instants the request left and the answer came. */
  async conversation() {
    const sentAt = performance.now();
    const conversation = await this.request<WidgetConversation>("GET", "/conversation");
    return { conversation, sentAt, receivedAt: performance.now() };
  }

  /** Idempotent by `id`: a retry of a send that did arrive returns the stored message. */
  sendMessage(id: string, body: string) {
    return this.request<Message>("POST", "/messages", { id, body });
  }

  typing() {
    return this.request<void>("POST", "/typing", {});
  }

  end() {
    return this.request<void>("POST", "/end", {});
  }

  /** EventSource cannot send headers: the token goes in the query. */
  streamUrl(after: number) {
    const query = new URLSearchParams({ token: this.token ?? "", after: String(after) });
    return `${this.origin}/api/v1/widget/stream?${query}`;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.origin}/api/v1/widget${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new WidgetApiError(0, "network", "We can't reach the chat service. Check your connection.");
    }
    const text = await response.text();
    const parsed = text ? safeParse(text) : null;
    if (!response.ok) {
      const error = (parsed as ApiError | null)?.error;
      throw new WidgetApiError(
        response.status,
        error?.code ?? "internal",
        error?.message ?? `The chat service answered ${response.status}.`,
        error?.field,
      );
    }
    return parsed as T;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

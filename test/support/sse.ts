// A Server-Sent Events client for tests: real HTTP, frames parsed by eventsource-parser, with control
// over Last-Event-ID and a way to wait until something has arrived.
import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface SseConnection {
  status: number;
  messages: EventSourceMessage[];
  /** Domain events (unnamed SSE messages) parsed from JSON. */
  events(): { seq: number; type: string; data: any }[];
  waitFor(predicate: (messages: EventSourceMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openStream(
  url: string,
  headers: Record<string, string>,
  lastEventId?: number,
): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      ...headers,
      accept: "text/event-stream",
      ...(lastEventId !== undefined ? { "last-event-id": String(lastEventId) } : {}),
    },
    signal: controller.signal,
  });
  const messages: EventSourceMessage[] = [];
  const waiters = new Set<() => void>();
  const parser = createParser({
    onEvent(message) {
      messages.push(message);
      for (const wake of waiters) wake();
    },
  });
  if (response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: response.status,
    messages,
    events: () => messages.filter((m) => !m.event).map((m) => JSON.parse(m.data)),
    waitFor(predicate, timeoutMs = 10_000) {
      if (predicate(messages)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out; got ${messages.length} messages: ${messages.map((m) => m.event ?? m.id).join(",")}`),
          );
        }, timeoutMs);
        const check = () => {
          if (!predicate(messages)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };
}

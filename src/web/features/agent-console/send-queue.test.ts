import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Message } from "../../../shared/messages";
import { ApiError } from "../../lib/api";
import { type PostMessage, SendQueue } from "./send-queue";
import { message } from "./test-data";

const C = "00000000-0000-4000-8000-00000000000c";

/** A server that stores each id once, and a network that can be cut. */
function fakeServer() {
  const stored = new Map<string, Message>();
  const calls: string[] = [];
  let isDown = false;
  let refusal: ApiError | null = null;
  const post: PostMessage = async ({ id, conversationId, body }) => {
    calls.push(id);
    if (isDown) throw new TypeError("Failed to fetch");
    if (refusal) throw refusal;
    const existing = stored.get(id);
    if (existing) return existing;
    const created = message(stored.size + 1, conversationId, { id, body, author: "agent" });
    stored.set(id, created);
    return created;
  };
  return {
    post,
    stored,
    calls,
    cut: () => {
      isDown = true;
    },
    restore: () => {
      isDown = false;
    },
    refuse: (error: ApiError) => {
      refusal = error;
    },
  };
}

let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("sending the agent's messages", () => {
  it("sends in order and hands each stored message over", async () => {
    const server = fakeServer();
    const sent: string[] = [];
    const queue = new SendQueue(server.post, (m) => sent.push(m.body), newId);
    queue.send(C, "one");
    queue.send(C, "two");
    await settle();
    expect(sent).toEqual(["one", "two"]);
    expect(queue.getPending()).toEqual([]);
  });

  it("keeps messages pending while the network is down and retries them after a reconnect with the same ids: none lost, none twice", async () => {
    const server = fakeServer();
    const sent: string[] = [];
    const queue = new SendQueue(server.post, (m) => sent.push(m.body), newId);
    server.cut();
    const first = queue.send(C, "one");
    queue.send(C, "two");
    await settle();
    expect(queue.getPending().map((p) => [p.body, p.state])).toEqual([
      ["one", "waiting"],
      ["two", "waiting"],
    ]);
    server.restore();
    queue.retry();
    await settle();
    expect(sent).toEqual(["one", "two"]);
    expect(server.stored.size).toBe(2);
    expect(server.calls.filter((id) => id === first.id)).toHaveLength(2);
    queue.stop();
  });

  it("a send whose answer was lost is retried with its id and stored once", async () => {
    const server = fakeServer();
    const lossy: PostMessage = async (m) => {
      const stored = await server.post(m);
      if (server.calls.length === 1) throw new TypeError("connection reset");
      return stored;
    };
    const sent: string[] = [];
    const queue = new SendQueue(lossy, (m) => sent.push(m.id), newId);
    const pending = queue.send(C, "hello");
    await settle();
    expect(queue.getPending()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000); // the retry timer
    expect(sent).toEqual([pending.id]);
    expect(server.stored.size).toBe(1);
  });

  it("a message the server refuses is marked failed with its reason, not retried", async () => {
    const server = fakeServer();
    const queue = new SendQueue(server.post, () => {}, newId);
    server.refuse(new ApiError(409, "session_ended", "This conversation has ended."));
    queue.send(C, "late");
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queue.getPending()).toMatchObject([{ state: "failed", error: "This conversation has ended." }]);
    expect(server.calls).toHaveLength(1);
    queue.discard(queue.getPending()[0].id);
    expect(queue.getPending()).toEqual([]);
  });
});

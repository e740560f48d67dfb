// Places chats in time for report tests: each step moves the injected manual clock to an instant and goes
// through the real API (hand-off, accept, transfer, end) or the real domain (the queue timeout's end), so
// the rows are exactly what the product writes.
import { systemActor } from "../../src/server/domain/actor";
import { endSession } from "../../src/server/domain/sessions/end";
import type { Server } from "../../src/server/main";
import type { HandoffRequest } from "../../src/shared/sessions";
import { handoff, type TestOrg } from "./fixtures";

export interface ManualClock {
  now(): Date;
  advance(ms: number): void;
}

export const seconds = (n: number) => n * 1000;

export function moveClockTo(clock: ManualClock, at: Date | string | number) {
  clock.advance(new Date(at).getTime() - clock.now().getTime());
}

type Ending = "resolved" | "customer_left" | "timed_out";

export interface ChatPlan {
  /** When the customer is handed over. */
  at: string | Date;
  /** Seconds queued before an agent accepts; null: never accepted. */
  waitS: number | null;
  /** Seconds from accept (or from queueing, when never accepted) to the end. */
  endS: number;
  ending?: Ending;
  agent?: "alice" | "bob";
  request?: Partial<HandoffRequest>;
}

/** One chat from hand-off to end; returns its ids. */
export async function placeChat(server: Server, clock: ManualClock, org: TestOrg, plan: ChatPlan) {
  const start = new Date(plan.at).getTime();
  moveClockTo(clock, start);
  const chat = await handoff(org, plan.request);
  let endAt = start + seconds(plan.endS);
  if (plan.waitS !== null) {
    moveClockTo(clock, start + seconds(plan.waitS));
    await accept(org, plan.agent ?? "alice", chat.sessionId);
    endAt = start + seconds(plan.waitS + plan.endS);
  }
  moveClockTo(clock, endAt);
  await end(server, org, chat.sessionId, plan.ending ?? "resolved", plan.agent ?? "alice");
  return chat;
}

export async function accept(org: TestOrg, agent: "alice" | "bob", sessionId: string) {
  const reply = await org[agent].api.post(`/sessions/${sessionId}/accept`);
  if (reply.status !== 200) throw new Error(`accept failed: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export async function end(server: Server, org: TestOrg, sessionId: string, ending: Ending, agent: "alice" | "bob") {
  if (ending === "timed_out") {
    // What the queue timeout does (src/server/jobs/queue-timeout.ts), without waiting for its sweep.
    await server.services.writer.run(org.org.id, (ctx) => endSession(ctx, sessionId, systemActor, "timed_out"));
    return;
  }
  const reply =
    ending === "customer_left"
      ? await org.bot.post(`/sessions/${sessionId}/end`, {})
      : await org[agent].api.post(`/sessions/${sessionId}/end`, {});
  if (reply.status !== 200) throw new Error(`end failed: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export async function transfer(org: TestOrg, agent: "alice" | "bob", sessionId: string, teamId: string, note: string) {
  const reply = await org[agent].api.post(`/sessions/${sessionId}/transfer`, { teamId, note });
  if (reply.status !== 200) throw new Error(`transfer failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.queued.id as string;
}

/** The query string of a report: the range and any filters. */
export function reportQuery(from: string, to: string, extra: Record<string, string | undefined> = {}) {
  const params = new URLSearchParams({ from, to });
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
  return params.toString();
}

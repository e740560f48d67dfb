import { describe, expect, it } from "vitest";
import { type Candidate, rankCandidates } from "./assignment";

const at = (minute: number | null) => (minute === null ? null : new Date(Date.UTC(2026, 0, 1, 9, minute)));
const agent = (id: string, onlineMinute: number, load: number, lastAssignedMinute: number | null): Candidate => ({
  id,
  onlineSince: at(onlineMinute),
  lastAssignedAt: at(lastAssignedMinute),
  load,
});
const order = (candidates: Candidate[], roundRobin: boolean) => rankCandidates(candidates, roundRobin).map((c) => c.id);

describe("who gets the next chat (PRODUCT.md, Routing and assignment)", () => {
  it("round-robin: the agent online longest first", () => {
    expect(order([agent("late", 30, 0, null), agent("early", 0, 2, 5)], true)).toEqual(["early", "late"]);
  });

  it("round-robin: online equally long, the least loaded", () => {
    expect(order([agent("busy", 0, 2, null), agent("free", 0, 1, 50)], true)).toEqual(["free", "busy"]);
  });

  it("round-robin: same time online and same load, the agent assigned least recently (never first)", () => {
    expect(order([agent("recent", 0, 1, 40), agent("never", 0, 1, null), agent("older", 0, 1, 10)], true)).toEqual([
      "never",
      "older",
      "recent",
    ]);
  });

  it("without round-robin: the least loaded, then assigned least recently, then online longest", () => {
    expect(
      order(
        [agent("early-busy", 0, 3, null), agent("late-free", 30, 0, 20), agent("late-free-older", 45, 0, 5)],
        false,
      ),
    ).toEqual(["late-free-older", "late-free", "early-busy"]);
  });
});

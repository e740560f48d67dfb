import { describe, expect, it } from "vitest";
import { compareLiveSessions, conversationMs, formatDuration, waitMs } from "./live-order";
import type { LiveSession } from "./sessions";

const row = (
  id: string,
  status: "queued" | "active",
  queuedAt: string,
  acceptedAt: string | null = null,
): LiveSession => ({
  id,
  conversationId: id,
  status,
  customer: { id, name: id },
  agent: status === "active" ? { id: "a", name: "Agent" } : null,
  team: { id: "t", name: "General" },
  bot: { id: "b", name: "Bot" },
  channel: { name: "Web", type: "web" },
  queuedAt,
  acceptedAt,
});

describe("the order of Live Sessions (seed)", () => {
  it("queued rows come first, longest wait first; then active rows, longest conversation first", () => {
    const rows = [
      row("active-short", "active", "2026-01-01T09:00:00Z", "2026-01-01T09:10:00Z"),
      row("queued-short", "queued", "2026-01-01T09:09:00Z"),
      row("active-long", "active", "2026-01-01T09:05:00Z", "2026-01-01T09:06:00Z"),
      row("queued-long", "queued", "2026-01-01T09:01:00Z"),
    ];
    expect(rows.sort(compareLiveSessions).map((r) => r.id)).toEqual([
      "queued-long",
      "queued-short",
      "active-long",
      "active-short",
    ]);
  });
});

describe("timers from server timestamps", () => {
  const now = Date.parse("2026-01-01T10:00:00Z");
  it("wait time ticks while queued", () => {
    expect(waitMs(row("q", "queued", "2026-01-01T09:59:15Z"), now)).toBe(45_000);
  });
  it("wait time freezes when accepted", () => {
    expect(waitMs(row("a", "active", "2026-01-01T09:00:00Z", "2026-01-01T09:02:05Z"), now)).toBe(125_000);
  });
  it("conversation duration ticks while active and is absent while queued", () => {
    expect(conversationMs(row("a", "active", "2026-01-01T09:00:00Z", "2026-01-01T09:30:00Z"), now)).toBe(1_800_000);
    expect(conversationMs(row("q", "queued", "2026-01-01T09:00:00Z"), now)).toBeNull();
  });
});

describe("timers on screen", () => {
  it("move together on whole seconds of the server's clock", () => {
    const queued = row("q", "queued", "2026-01-01T09:59:58.900Z");
    expect(waitMs(queued, Date.parse("2026-01-01T10:00:00.005Z"), "whole-seconds")).toBe(2_000);
    expect(waitMs(queued, Date.parse("2026-01-01T10:00:00.005Z"))).toBe(1_105);
  });
});

describe("duration format", () => {
  it.each([
    [0, "0:00"],
    [9_999, "0:09"],
    [65_000, "1:05"],
    [3_599_000, "59:59"],
    [3_600_000, "1:00:00"],
    [37_230_000, "10:20:30"],
    [-5, "0:00"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import type { LiveSession } from "../../../shared/sessions";
import { applyFilters, readFilters } from "./filters";

const row = (id: string, extra: Partial<LiveSession>): LiveSession => ({
  id,
  conversationId: id,
  status: "queued",
  customer: { id, name: "Nobody" },
  agent: null,
  team: { id: "t1", name: "General" },
  bot: { id: "b1", name: "Ava" },
  channel: { name: "Web", type: "web" },
  queuedAt: "2026-01-01T09:00:00.000Z",
  acceptedAt: null,
  ...extra,
});
const rows = [
  row("1", { customer: { id: "c1", name: "Olivia Chen" } }),
  row("2", { status: "active", agent: { id: "a", name: "Priya Natarajan" }, team: { id: "t2", name: "Billing" } }),
  row("3", { channel: { name: "WhatsApp", type: "whatsapp" }, bot: { id: "b2", name: "OrderBot" } }),
];
const only = (query: string) => applyFilters(rows, readFilters(new URLSearchParams(query))).map((r) => r.id);

describe("Live Sessions filters (kept in the URL)", () => {
  it.each([
    ["", ["1", "2", "3"]],
    ["team=t2", ["2"]],
    ["channel=WhatsApp", ["3"]],
    ["bot=b2", ["3"]],
    ["status=active", ["2"]],
    ["status=nonsense", ["1", "2", "3"]],
    ["q=olivia", ["1"]],
    ["q=PRIYA", ["2"]],
    ["team=t1&channel=Web", ["1"]],
  ])("?%s shows %j", (query, expected) => {
    expect(only(query)).toEqual(expected);
  });
});

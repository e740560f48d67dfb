import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../shared/audit";
import { actorsOf, changesOf, formatValue, formatWhen, peopleOf } from "./audit-view";

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: "e",
  at: "2026-03-01T12:00:00.000Z",
  actor: { id: "u1", name: "Sam Supervisor" },
  kind: "settings",
  action: "updated",
  subjectId: null,
  summary: "",
  before: null,
  after: null,
  ...overrides,
});

describe("the audit log's reading", () => {
  it("writes a moment in the browser's time zone", () => {
    expect(formatWhen("2026-03-01T12:00:00.000Z", { locale: "en-GB", timeZone: "Asia/Kolkata" })).toBe(
      "1 Mar 2026, 17:30:00",
    );
    expect(formatWhen("2026-03-01T12:00:00.000Z", { locale: "en-GB", timeZone: "America/New_York" })).toBe(
      "1 Mar 2026, 07:00:00",
    );
  });

  it("an update lists only the fields that changed, nested ones by their dotted path", () => {
    const before = { autoAccept: false, maxChatsPerAgent: 10, waitThresholds: { amberSeconds: 60, redSeconds: 180 } };
    const after = { autoAccept: true, maxChatsPerAgent: 10, waitThresholds: { amberSeconds: 60, redSeconds: 240 } };
    expect(changesOf(entry({ before, after }))).toEqual([
      { field: "autoAccept", before: "no", after: "yes" },
      { field: "waitThresholds.redSeconds", before: "180", after: "240" },
    ]);
  });

  it("a creation lists what it was made with, conditions as key = value and ids as the names we know", () => {
    const after = {
      id: "r1",
      name: "Gold",
      conditions: [
        { key: "plan", value: "gold" },
        { key: "lang", value: "fr" },
      ],
      teamId: "t1",
      createdAt: "2026-03-01T12:00:00.000Z",
    };
    expect(changesOf(entry({ kind: "routing_rule", action: "created", after }), new Map([["t1", "Vip"]]))).toEqual([
      { field: "name", before: null, after: "Gold" },
      { field: "conditions", before: null, after: "plan = gold, lang = fr" },
      { field: "teamId", before: null, after: "Vip" },
    ]);
  });

  it("a deletion lists what it had", () => {
    expect(changesOf(entry({ action: "deleted", before: { name: "Old", description: "" } }))).toEqual([
      { field: "name", before: "Old", after: null },
      { field: "description", before: "(empty)", after: null },
    ]);
  });

  it("writes values in words", () => {
    expect(formatValue(null)).toBe("none");
    expect(formatValue(1440)).toBe("1,440");
    expect(formatValue([])).toBe("none");
  });

  it("offers everyone seen acting and the live agents, once each, by name; not the system", () => {
    const entries = [
      entry({ actor: { id: "u2", name: "Ada Admin" } }),
      entry({ actor: { id: null, name: "System" } }),
      entry({ actor: { id: "u1", name: "Sam Supervisor" } }),
    ];
    expect(
      peopleOf(actorsOf(entries), [
        { id: "u3", name: "Bob Agent" },
        { id: "u1", name: "Sam Supervisor" },
      ]),
    ).toEqual([
      { id: "u2", name: "Ada Admin" },
      { id: "u3", name: "Bob Agent" },
      { id: "u1", name: "Sam Supervisor" },
    ]);
  });
});

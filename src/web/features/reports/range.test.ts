import { describe, expect, it } from "vitest";
import { RANGE_TOO_LONG } from "../../../shared/report-range";
import { readRangeChoice, resolveRange } from "./range";

// Local times, so the expectations hold in whatever time zone the tests run.
const now = new Date(2026, 2, 18, 15, 30); // 18 March 2026, 15:30 local
const local = (y: number, m: number, d: number) => new Date(y, m - 1, d);
const custom = (fromDay: string, toDay: string) => resolveRange({ preset: "custom", fromDay, toDay }, now);

describe("range presets, in the browser's time zone", () => {
  it.each([
    ["today", local(2026, 3, 18), local(2026, 3, 19)],
    ["yesterday", local(2026, 3, 17), local(2026, 3, 18)],
    ["last7", local(2026, 3, 12), local(2026, 3, 19)],
    ["last30", local(2026, 2, 17), local(2026, 3, 19)],
  ] as const)("%s runs from local midnight to local midnight", (preset, from, to) => {
    expect(resolveRange({ preset, fromDay: "", toDay: "" }, now)).toEqual({ ok: true, from, to });
  });

  it("a custom range includes its last day", () => {
    expect(custom("2026-01-01", "2026-01-31")).toEqual({ ok: true, from: local(2026, 1, 1), to: local(2026, 2, 1) });
  });

  it("a custom range may cover six months, not more", () => {
    expect(custom("2026-01-01", "2026-06-30").ok).toBe(true);
    expect(custom("2026-01-01", "2026-07-05")).toEqual({ ok: false, problem: RANGE_TOO_LONG });
  });

  it("a custom range needs two real days, the last not before the first", () => {
    expect(custom("2026-02-30", "2026-03-01").ok).toBe(false);
    expect(custom("", "2026-03-01").ok).toBe(false);
    expect(custom("2026-03-02", "2026-03-01").ok).toBe(false);
  });

  it("is read from the URL, last 7 days when it names none", () => {
    expect(readRangeChoice(new URLSearchParams(""), now)).toEqual({
      preset: "last7",
      fromDay: "2026-03-12",
      toDay: "2026-03-18",
    });
    expect(readRangeChoice(new URLSearchParams("range=custom&from=2026-01-01&to=2026-01-31"), now)).toEqual({
      preset: "custom",
      fromDay: "2026-01-01",
      toDay: "2026-01-31",
    });
    expect(readRangeChoice(new URLSearchParams("range=decade"), now).preset).toBe("last7");
  });
});

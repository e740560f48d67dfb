import { describe, expect, it } from "vitest";
import { RANGE_BACKWARDS, RANGE_TOO_LONG, rangeProblem } from "./report-range";

const at = (iso: string) => Date.parse(iso);

describe("the range of a report", () => {
  it("may cover six calendar months", () => {
    expect(rangeProblem(at("2026-01-01T00:00:00Z"), at("2026-07-01T00:00:00Z"))).toBeNull();
  });

  it("may cover six local months that are an hour longer in UTC across a daylight-saving change", () => {
    // 1 July to 1 January in New York: EDT (−4) at the start, EST (−5) at the end.
    expect(rangeProblem(at("2026-07-01T04:00:00Z"), at("2027-01-01T05:00:00Z"))).toBeNull();
  });

  it("may not cover more than six months", () => {
    expect(rangeProblem(at("2026-01-01T00:00:00Z"), at("2026-07-03T00:00:00Z"))).toBe(RANGE_TOO_LONG);
    expect(rangeProblem(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).toBe(RANGE_TOO_LONG);
  });

  it("ends after it starts", () => {
    expect(rangeProblem(at("2026-01-02T00:00:00Z"), at("2026-01-01T00:00:00Z"))).toBe(RANGE_BACKWARDS);
    expect(rangeProblem(at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"))).toBe(RANGE_BACKWARDS);
  });
});

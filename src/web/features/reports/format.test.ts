import { describe, expect, it } from "vitest";
import { waitBucketEdgesMs } from "../../../shared/reports";
import { duration, percent, waitBucketLabel } from "./format";

describe("report numbers as they read", () => {
  it("labels the bars of the wait distribution", () => {
    const labels = waitBucketEdgesMs.map((from, i) => waitBucketLabel(from, waitBucketEdgesMs[i + 1] ?? null));
    expect(labels).toEqual(["0–15 s", "15–30 s", "30 s–1 min", "1–2 min", "2–5 min", "5–10 min", "10 min +"]);
  });

  it("shows missing figures as a dash", () => {
    expect(duration(null)).toBe("—");
    expect(duration(83_000)).toBe("1:23");
    expect(percent(null)).toBe("—");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { ServerClock } from "./server-clock";

afterEach(() => vi.restoreAllMocks());

describe("the server clock", () => {
  it("follows the server, not the browser's wall clock", () => {
    let perf = 1_000;
    vi.spyOn(performance, "now").mockImplementation(() => perf);
    vi.spyOn(Date, "now").mockReturnValue(Date.parse("2026-01-01T04:00:00Z")); // five hours off
    const clock = new ServerClock();
    clock.observe("2026-01-01T09:00:00.000Z", 990, 1_010);
    perf = 61_010;
    expect(new Date(clock.now()).toISOString()).toBe("2026-01-01T09:01:00.010Z");
  });

  it("keeps the sample with the shortest round trip", () => {
    let perf = 0;
    vi.spyOn(performance, "now").mockImplementation(() => perf);
    const clock = new ServerClock();
    clock.observe("2026-01-01T09:00:00.000Z", 0, 10); // tight: server at 09:00:00.005 when perf = 10
    clock.observe("2026-01-01T09:00:05.000Z", 4_000, 6_000); // loose: ignored
    perf = 10;
    expect(new Date(clock.now()).toISOString()).toBe("2026-01-01T09:00:00.005Z");
  });
});

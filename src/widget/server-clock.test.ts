import { describe, expect, it } from "vitest";
import { ServerClock } from "./server-clock";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe("the widget's server clock", () => {
  it("knows nothing before the first sample", () => {
    expect(new ServerClock(() => 0).now()).toBeNull();
  });

  it("follows the server, not the page's wall clock: offset from server time and performance.now()", () => {
    let perf = 1_000;
    const clock = new ServerClock(() => perf);
    // Asked at perf 990, answered at 1 010: the server stamped between, so its time at 1 010 is 09:00:00.000 +0…20 ms.
    clock.observe("2026-01-01T09:00:00.000Z", 1_010, 990);
    expect(clock.offsetMs()).toBe(at("2026-01-01T09:00:00.000Z") - 1_000);
    perf = 61_000;
    expect(iso(clock.now())).toBe("2026-01-01T09:01:00.000Z");
  });

  it("narrows the estimate with every sample that agrees", () => {
    let perf = 0;
    const clock = new ServerClock(() => perf);
    clock.observe("2026-01-01T09:00:00.000Z", 400, 0); // server = 09:00:00.000 at some perf in [0, 400]
    clock.observe("2026-01-01T09:00:00.450Z", 460, 440); // server = 09:00:00.450 at some perf in [440, 460]
    perf = 460;
    // Alone each allows 400 ms and 20 ms; together the offset is within [09:00:00.000 − 10, 09:00:00.000 − 0].
    expect(clock.offsetMs()).toBe(at("2026-01-01T09:00:00.000Z") - 5);
    expect(iso(clock.now())).toBe("2026-01-01T09:00:00.455Z");
  });

  it("a heartbeat bounds the offset from below: it was stamped before it arrived", () => {
    let perf = 0;
    const clock = new ServerClock(() => perf);
    clock.observe("2026-01-01T09:00:00.000Z", 1_000, 0); // wide: anywhere in a second
    clock.observe("2026-01-01T09:00:02.000Z", 2_990); // heartbeat heard at perf 2 990
    perf = 3_000;
    // Lower bound 09:00:02.000 − 2 990 (raised from 09:00:00.000 − 1 000); upper bound 09:00:00.000 − 0.
    expect(clock.offsetMs()).toBe(at("2026-01-01T09:00:00.000Z") - 495);
    expect(iso(clock.now())).toBe("2026-01-01T09:00:02.505Z");
  });

  it("only heartbeats: their latest lower bound", () => {
    let perf = 0;
    const clock = new ServerClock(() => perf);
    clock.observe("2026-01-01T09:00:00.000Z", 50);
    clock.observe("2026-01-01T09:00:15.000Z", 15_010);
    perf = 20_010;
    expect(iso(clock.now())).toBe("2026-01-01T09:00:20.000Z");
  });

  it("starts over from the newest sample when samples disagree (the page slept, the server's clock moved)", () => {
    let perf = 0;
    const clock = new ServerClock(() => perf);
    clock.observe("2026-01-01T09:00:00.000Z", 20, 0);
    clock.observe("2026-01-01T10:00:00.000Z", 1_020, 1_000); // an hour later by the server, a second by perf
    perf = 1_020;
    expect(iso(clock.now())).toBe("2026-01-01T10:00:00.010Z");
  });

  it("ignores a timestamp it cannot read", () => {
    const clock = new ServerClock(() => 0);
    clock.observe("not a time", 10, 0);
    expect(clock.isSynced).toBe(false);
  });
});

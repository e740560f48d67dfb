import { describe, expect, it } from "vitest";
import { apiQuery, readFilters, readGrouping, readSort, withParam } from "./report-params";

describe("the report's view in the URL", () => {
  it("reads filters by their short names and ignores values the API would refuse", () => {
    const params = new URLSearchParams("team=t1&agent=a1&channel=WhatsApp&bot=b1&status=ended&reason=timed_out");
    expect(readFilters(params)).toEqual({
      teamId: "t1",
      agentId: "a1",
      channel: "WhatsApp",
      botId: "b1",
      status: "ended",
      endReason: "timed_out",
    });
    expect(readFilters(new URLSearchParams("status=lost&reason=bored"))).toMatchObject({
      status: undefined,
      endReason: undefined,
    });
  });

  it("sorts by status and breaks down by team unless the URL says otherwise", () => {
    expect(readSort(new URLSearchParams(""))).toBe("status");
    expect(readSort(new URLSearchParams("sort=-wait"))).toBe("-wait");
    expect(readSort(new URLSearchParams("sort=name"))).toBe("status");
    expect(readGrouping(new URLSearchParams("by=hour"))).toBe("hour");
    expect(readGrouping(new URLSearchParams("by=weekday"))).toBe("team");
  });

  it("asks the API in UTC with the filters it has", () => {
    const range = { from: new Date("2026-03-01T23:00:00Z"), to: new Date("2026-03-02T23:00:00Z") };
    expect(apiQuery(range, { channel: "Web", botId: undefined }, { groupBy: "hour", tz: "Europe/Berlin" })).toBe(
      "from=2026-03-01T23%3A00%3A00.000Z&to=2026-03-02T23%3A00%3A00.000Z&channel=Web&groupBy=hour&tz=Europe%2FBerlin",
    );
  });

  it("changes one parameter and keeps the others", () => {
    const params = new URLSearchParams("range=today&team=t1");
    expect(withParam(params, "team", null).toString()).toBe("range=today");
    expect(withParam(params, "bot", "b2").toString()).toBe("range=today&team=t1&bot=b2");
  });
});

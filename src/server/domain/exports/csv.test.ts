import { describe, expect, it } from "vitest";
import { type ExportRow, exportHeader, neutralizeCell, statusLabel, toCsvRecord } from "./csv";

describe("CSV injection guard (OWASP)", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tX", "\rX", '=HYPERLINK("http://x")'])(
    "a cell starting %j is shown as text",
    (cell) => {
      expect(neutralizeCell(cell)).toBe(`'${cell}`);
    },
  );

  it.each(["Olivia Chen", "o'brien@example.test", " =not first", "1+1", "Zoë 😀"])("%j is left alone", (cell) => {
    expect(neutralizeCell(cell)).toBe(cell);
  });
});

describe("a CSV row", () => {
  const row: ExportRow = {
    conversationId: "c",
    totalSeconds: 300,
    requestedAt: "2026-01-01T09:00:00.000Z",
    acceptedAt: null,
    endedAt: "2026-01-01T09:01:00.000Z",
    status: "ended",
    endReason: "customer_left",
    userName: "=cmd",
    agentName: null,
    userEmail: null,
    waitSeconds: 60,
    durationSeconds: null,
    channelName: "Web",
    channelType: "web",
    teamName: "General",
    ruleName: null,
    botName: "@bot",
    botId: "b",
  };

  it("has a cell for every column of the header, in its order", () => {
    const record = toCsvRecord(row);
    expect(record).toHaveLength(exportHeader.length);
    expect(record).toEqual([
      "c",
      300,
      "2026-01-01T09:00:00.000Z",
      "",
      "2026-01-01T09:01:00.000Z",
      "Ended (customer left)",
      "'=cmd",
      "",
      "",
      60,
      "",
      "Web",
      "web",
      "General",
      "",
      "'@bot",
      "b",
    ]);
  });

  it("names the status, with the end reason of an ended leg", () => {
    expect(statusLabel("queued", null)).toBe("Queued");
    expect(statusLabel("active", null)).toBe("Active");
    expect(statusLabel("ended", "timed_out")).toBe("Ended (timed out)");
  });
});

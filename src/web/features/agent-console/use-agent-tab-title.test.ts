import { describe, expect, it } from "vitest";
import { agentTabTitle } from "./use-agent-tab-title";

describe("the agent console's tab title", () => {
  it("counts waiting requests in front, like a mail client, and unread messages after", () => {
    expect(agentTabTitle(0, 0)).toBe("Agent console · Switchboard");
    expect(agentTabTitle(3, 0)).toBe("(3) Agent console · Switchboard");
    expect(agentTabTitle(1, 2)).toBe("(1) Agent console · 2 unread · Switchboard");
  });
});

import { describe, expect, it } from "vitest";
import type { QuickResponse } from "../../../shared/agent-console";
import { fillTemplate, insertQuickResponse, matchQuickResponses, shortcutQueryAt } from "./template";

const context = {
  customer: { name: "Dana Scully", email: "dana@example.test" },
  agent: { name: "Alice Agent" },
  attributes: { plan: "Gold", orderId: "A-17" },
};

const response = (shortcut: string, body = "…"): QuickResponse => ({
  id: `00000000-0000-4000-8000-${shortcut.padStart(12, "0").slice(-12)}`,
  shortcut,
  body,
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("quick response templates", () => {
  it("fill the customer's name, the agent's first name and the conversation's attributes", () => {
    expect(
      fillTemplate(
        "Hi {{customer.name}}, I'm {{agent.firstName}}. Your {{ attributes.plan }} order {{attributes.orderId}}.",
        context,
      ),
    ).toBe("Hi Dana Scully, I'm Alice. Your Gold order A-17.");
  });

  it("leave a placeholder without a value as written, so the agent sees what to fill in", () => {
    expect(fillTemplate("Order {{attributes.missing}} for {{customer.nickname}}", context)).toBe(
      "Order {{attributes.missing}} for {{customer.nickname}}",
    );
  });

  it("fill every occurrence", () => {
    expect(fillTemplate("{{agent.firstName}} / {{agent.firstName}}", context)).toBe("Alice / Alice");
  });
});

describe("the # picker", () => {
  it("opens on a # at the start or after a space, with what follows it up to the cursor", () => {
    expect(shortcutQueryAt("#", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(shortcutQueryAt("Hello #gre", 10)).toEqual({ start: 6, end: 10, query: "gre" });
    expect(shortcutQueryAt("line one\n#th", 12)).toEqual({ start: 9, end: 12, query: "th" });
  });

  it("does not open inside a word or after a finished shortcut", () => {
    expect(shortcutQueryAt("issue#12", 8)).toBeNull();
    expect(shortcutQueryAt("#greet ", 7)).toBeNull();
    expect(shortcutQueryAt("Hello", 5)).toBeNull();
  });

  it("lists shortcuts starting with the query first, then those containing it, ignoring case", () => {
    const all = [response("thanks"), response("greet"), response("regret"), response("Greeting")];
    expect(matchQuickResponses(all, "GRE").map((r) => r.shortcut)).toEqual(["greet", "Greeting", "regret"]);
    expect(matchQuickResponses(all, "").map((r) => r.shortcut)).toEqual(["greet", "Greeting", "regret", "thanks"]);
  });

  it("puts the filled template where the #shortcut was, so several fit in one message", () => {
    const first = insertQuickResponse("#gr", { start: 0, end: 3 }, "Hello Dana!");
    expect(first).toEqual({ text: "Hello Dana!", cursor: 11 });
    const typed = `${first.text} #th`;
    const second = insertQuickResponse(typed, { start: 12, end: typed.length }, "Thanks for waiting.");
    expect(second.text).toBe("Hello Dana! Thanks for waiting.");
    expect(insertQuickResponse("#gr and more", { start: 0, end: 3 }, "Hi").text).toBe("Hi and more");
    expect(insertQuickResponse("#grmore", { start: 0, end: 3 }, "Hi")).toEqual({ text: "Hi more", cursor: 3 });
  });
});

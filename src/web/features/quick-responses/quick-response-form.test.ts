import { describe, expect, it } from "vitest";
import { quickResponseChanges, validateQuickResponse } from "./quick-response-form";

const stored = {
  id: "00000000-0000-4000-8000-000000000001",
  shortcut: "greet",
  body: "Hello {{customer.name}}!",
  createdAt: "2026-01-01T00:00:00.000Z",
};

describe("the quick response form", () => {
  it("accepts a shortcut typed with its #, and trims the text", () => {
    expect(validateQuickResponse({ shortcut: " #greet ", body: "  Hi there " })).toEqual({
      ok: true,
      value: { shortcut: "greet", body: "Hi there" },
    });
  });

  it("names the field at fault", () => {
    const result = validateQuickResponse({ shortcut: "two words", body: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.shortcut).toMatch(/letters, digits/i);
    expect(result.errors.body).toBe("Required");
  });

  it("sends only what changed", () => {
    expect(quickResponseChanges(stored, { shortcut: "greet", body: "Hello!" })).toEqual({ body: "Hello!" });
    expect(quickResponseChanges(stored, { shortcut: "greet", body: stored.body })).toBeNull();
  });
});

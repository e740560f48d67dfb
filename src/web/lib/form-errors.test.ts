import { describe, expect, it } from "vitest";
import { createRoutingRuleSchema, createTeamSchema } from "../../shared/organization";
import { ApiError } from "./api";
import { apiFieldErrors, FORM, validate } from "./form-errors";

describe("form errors", () => {
  it("checks a form with the shared schema and keys each error by the field's dotted path", () => {
    const result = validate(createRoutingRuleSchema, {
      name: " ",
      description: "",
      teamId: "",
      enabled: true,
      conditions: [{ key: "", value: "x".repeat(501) }],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: "Required",
        teamId: "Choose one",
        "conditions.0.key": "Required",
        "conditions.0.value": "At most 500 characters",
      },
    });
  });

  it("keeps a schema's own message (the team name rule), capitalised", () => {
    const result = validate(createTeamSchema, { name: "2fast", description: "x".repeat(201) });
    expect(result).toEqual({
      ok: false,
      errors: { name: "Starts with a letter; letters, digits and _ only", description: "At most 200 characters" },
    });
  });

  it("gives the parsed value when the form is valid", () => {
    expect(validate(createTeamSchema, { name: "Vip" })).toEqual({ ok: true, value: { name: "Vip", description: "" } });
  });

  it("puts the server's refusal next to the field it names, without repeating the field's path", () => {
    const error = new ApiError(
      400,
      "invalid_input",
      "waitThresholds.redSeconds: too small",
      "waitThresholds.redSeconds",
    );
    expect(apiFieldErrors(error, () => true)).toEqual({ "waitThresholds.redSeconds": "Too small" });
  });

  it("puts a refusal about a field the form does not show, or about none, above the form", () => {
    const conflict = new ApiError(409, "conflict", "The default team cannot be deleted.");
    expect(apiFieldErrors(conflict, () => true)).toEqual({ [FORM]: "The default team cannot be deleted." });
    const elsewhere = new ApiError(400, "invalid_input", "body: bad", "body");
    expect(apiFieldErrors(elsewhere, (f) => f === "name")).toEqual({ [FORM]: "body: bad" });
    expect(apiFieldErrors(new TypeError("Failed to fetch"), () => true)[FORM]).toMatch(/Could not reach/);
  });
});

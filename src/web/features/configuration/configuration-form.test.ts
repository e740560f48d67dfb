import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../../shared/settings";
import { draftOf, SUGGESTED_QUEUE_TIMEOUT_MINUTES, settingsChanges, validateConfiguration } from "./configuration-form";

const draft = draftOf(defaultSettings);

describe("the configuration form", () => {
  it("starts from the settings, with the queue timeout off and a suggestion ready", () => {
    expect(draft).toMatchObject({ hasQueueTimeout: false, queueTimeoutMinutes: SUGGESTED_QUEUE_TIMEOUT_MINUTES });
    expect(validateConfiguration(draft)).toEqual({ ok: true, value: defaultSettings });
  });

  it("a queue timeout is off (null) or 1–1,440 minutes", () => {
    expect(validateConfiguration({ ...draft, hasQueueTimeout: true, queueTimeoutMinutes: 1440 })).toMatchObject({
      ok: true,
      value: { queueTimeoutMinutes: 1440 },
    });
    expect(validateConfiguration({ ...draft, hasQueueTimeout: true, queueTimeoutMinutes: 1441 })).toEqual({
      ok: false,
      errors: { queueTimeoutMinutes: "At most 1,440" },
    });
    expect(validateConfiguration({ ...draft, hasQueueTimeout: true, queueTimeoutMinutes: "" })).toEqual({
      ok: false,
      errors: { queueTimeoutMinutes: "Required" },
    });
    expect(validateConfiguration({ ...draft, queueTimeoutMinutes: "" })).toMatchObject({ ok: true });
  });

  it("the chat limit is a whole number from 1 to 100", () => {
    expect(validateConfiguration({ ...draft, maxChatsPerAgent: 0 })).toEqual({
      ok: false,
      errors: { maxChatsPerAgent: "At least 1" },
    });
    expect(validateConfiguration({ ...draft, maxChatsPerAgent: 101 })).toMatchObject({
      errors: { maxChatsPerAgent: "At most 100" },
    });
    expect(validateConfiguration({ ...draft, maxChatsPerAgent: 2.5 })).toMatchObject({
      errors: { maxChatsPerAgent: "Enter a whole number" },
    });
  });

  it("red must be above amber", () => {
    expect(validateConfiguration({ ...draft, amberSeconds: 120, redSeconds: 120 })).toEqual({
      ok: false,
      errors: { "waitThresholds.redSeconds": "Must be above the amber threshold" },
    });
    expect(validateConfiguration({ ...draft, amberSeconds: 30, redSeconds: 90 })).toMatchObject({
      ok: true,
      value: { waitThresholds: { amberSeconds: 30, redSeconds: 90 } },
    });
  });

  it("sends only the settings that changed, the thresholds as a pair", () => {
    expect(settingsChanges(defaultSettings, defaultSettings)).toBeNull();
    const next = { ...defaultSettings, autoAccept: true, waitThresholds: { amberSeconds: 60, redSeconds: 240 } };
    expect(settingsChanges(defaultSettings, next)).toEqual({
      autoAccept: true,
      waitThresholds: { amberSeconds: 60, redSeconds: 240 },
    });
  });
});

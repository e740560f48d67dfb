// The configuration form's rules, from the shared contract (PRODUCT.md, "Routing and assignment"):
// at most 1–100 chats per agent, a queue timeout that is off or 1–1,440 minutes, and wait-time thresholds
// whose red is above amber. Only what changed is sent, so two supervisors editing different settings
// do not undo each other.
import { type Settings, settingsPatchSchema } from "../../../shared/settings";
import { type FieldErrors, validate } from "../../lib/form-errors";

/** Number inputs hold "" while empty. */
type NumberField = number | string;

export type ConfigurationDraft = {
  autoAccept: boolean;
  maxChatsPerAgent: NumberField;
  roundRobin: boolean;
  hasQueueTimeout: boolean;
  queueTimeoutMinutes: NumberField;
  amberSeconds: NumberField;
  redSeconds: NumberField;
};

/** What the timeout field offers when a supervisor switches it on. */
export const SUGGESTED_QUEUE_TIMEOUT_MINUTES = 30;

export const draftOf = (settings: Settings): ConfigurationDraft => ({
  autoAccept: settings.autoAccept,
  maxChatsPerAgent: settings.maxChatsPerAgent,
  roundRobin: settings.roundRobin,
  hasQueueTimeout: settings.queueTimeoutMinutes !== null,
  queueTimeoutMinutes: settings.queueTimeoutMinutes ?? SUGGESTED_QUEUE_TIMEOUT_MINUTES,
  amberSeconds: settings.waitThresholds.amberSeconds,
  redSeconds: settings.waitThresholds.redSeconds,
});

const numberOf = (value: NumberField) => (value === "" ? Number.NaN : Number(value));

export function validateConfiguration(
  draft: ConfigurationDraft,
): { ok: true; value: Settings } | { ok: false; errors: FieldErrors } {
  const amberSeconds = numberOf(draft.amberSeconds);
  const redSeconds = numberOf(draft.redSeconds);
  const result = validate(settingsPatchSchema, {
    autoAccept: draft.autoAccept,
    maxChatsPerAgent: numberOf(draft.maxChatsPerAgent),
    roundRobin: draft.roundRobin,
    queueTimeoutMinutes: draft.hasQueueTimeout ? numberOf(draft.queueTimeoutMinutes) : null,
    waitThresholds: { amberSeconds, redSeconds },
  });
  const errors: FieldErrors = result.ok ? {} : { ...result.errors };
  const empty: [keyof ConfigurationDraft, string][] = [
    ["maxChatsPerAgent", "maxChatsPerAgent"],
    ["amberSeconds", "waitThresholds.amberSeconds"],
    ["redSeconds", "waitThresholds.redSeconds"],
  ];
  if (draft.hasQueueTimeout) empty.push(["queueTimeoutMinutes", "queueTimeoutMinutes"]);
  for (const [input, field] of empty) if (draft[input] === "") errors[field] = "Required";
  // In the words of the form rather than the schema's ("must be above amberSeconds").
  if (Number.isFinite(amberSeconds) && Number.isFinite(redSeconds) && redSeconds <= amberSeconds) {
    errors["waitThresholds.redSeconds"] = "Must be above the amber threshold";
  }
  if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  // Every field was given, so the patch is whole.
  return { ok: true, value: result.value as Settings };
}

/** The settings that differ, for PUT /settings; null when none do. Thresholds travel as a pair. */
export function settingsChanges(current: Settings, next: Settings): Partial<Settings> | null {
  const changes: Partial<Settings> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) Object.assign(changes, { [key]: next[key] });
  }
  return Object.keys(changes).length > 0 ? changes : null;
}

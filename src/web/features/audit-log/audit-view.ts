// How the audit log reads (PRODUCT.md, "Audit"): times in the browser's time zone, kinds in words, and
// before/after as the fields that changed, with ids shown as the names we know.
import type { AuditEntry, AuditKind } from "../../../shared/audit";

export const kindLabel: Record<AuditKind, string> = {
  team: "Team",
  membership: "Team membership",
  routing_rule: "Routing rule",
  settings: "Configuration",
  quick_response: "Quick response",
  agent_status: "Agent status",
};

export const actionLabel: Record<AuditEntry["action"], string> = {
  created: "Created",
  updated: "Updated",
  deleted: "Deleted",
};

/** A moment as the browser's locale and time zone write it; tests pass both. */
export function formatWhen(at: string, options: { locale?: string; timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: options.timeZone,
  }).format(new Date(at));
}

export type Change = { field: string; before: string | null; after: string | null };

const fieldLabels: Record<string, string> = {
  name: "Name",
  description: "Description",
  isDefault: "Default team",
  teamId: "Team",
  userId: "Live agent",
  conditions: "Conditions",
  enabled: "Enabled",
  status: "Status",
  autoAccept: "Auto-accept",
  maxChatsPerAgent: "Maximum chats per agent",
  roundRobin: "Round-robin",
  queueTimeoutMinutes: "Queue timeout (minutes)",
  "waitThresholds.amberSeconds": "Amber after (seconds)",
  "waitThresholds.redSeconds": "Red after (seconds)",
};

/** A field in words where we know it, else as the API names it. */
export const fieldLabel = (field: string) => fieldLabels[field] ?? field;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isPair = (value: unknown): value is { key: string; value: string } =>
  isRecord(value) &&
  Object.keys(value).length === 2 &&
  typeof value.key === "string" &&
  typeof value.value === "string";

/** A value in words: yes/no, "none", a condition as "key = value", a known id as its name. */
export function formatValue(value: unknown, names: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return names.get(value) ?? (value === "" ? "(empty)" : value);
  if (typeof value === "number") return value.toLocaleString("en");
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    return value.map((v) => (isPair(v) ? `${v.key} = ${v.value}` : formatValue(v, names))).join(", ");
  }
  return JSON.stringify(value);
}

/** Nested objects as dotted fields ("waitThresholds.redSeconds"); arrays stay whole. */
function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (!isRecord(value)) {
    if (value !== null && value !== undefined) fields.set(prefix || "value", value);
    return fields;
  }
  for (const [key, inner] of Object.entries(value)) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (isRecord(inner) && !isPair(inner)) for (const [k, v] of flatten(inner, field)) fields.set(k, v);
    else fields.set(field, inner);
  }
  return fields;
}

/** The record's own id and creation time say nothing a reader needs. */
const hidden = new Set(["id", "createdAt"]);

/**
 * What an entry changed: for an update the fields whose value differs; for a creation every field it was
 * made with, for a deletion every field it had.
 */
export function changesOf(
  entry: Pick<AuditEntry, "before" | "after">,
  names: ReadonlyMap<string, string> = new Map(),
): Change[] {
  const before = flatten(entry.before);
  const after = flatten(entry.after);
  const fields = [...new Set([...before.keys(), ...after.keys()])].filter((f) => !hidden.has(f));
  return fields
    .filter((f) => JSON.stringify(before.get(f)) !== JSON.stringify(after.get(f)))
    .map((field) => ({
      field,
      before: before.has(field) ? formatValue(before.get(field), names) : null,
      after: after.has(field) ? formatValue(after.get(field), names) : null,
    }));
}

export type Person = { id: string; name: string };

/** The people a supervisor can filter by: everyone seen acting in the log, and the live agents; by name. */
export function peopleOf(seen: Iterable<Person>, ...more: Iterable<Person>[]): Person[] {
  const byId = new Map<string, Person>();
  for (const list of [seen, ...more])
    for (const p of list) if (!byId.has(p.id)) byId.set(p.id, { id: p.id, name: p.name });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The actors of these entries who are people (not the system or an API key). */
export const actorsOf = (entries: readonly AuditEntry[]): Person[] =>
  entries.flatMap((e) => (e.actor.id ? [{ id: e.actor.id, name: e.actor.name }] : []));

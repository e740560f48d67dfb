// Quick responses in the composer (PRODUCT.md, "Agent console"): `#` followed by a shortcut opens the
// picker, and the chosen template is filled with the chat's customer, the agent and the conversation's
// attributes, then put where the `#shortcut` was, for the agent to edit before sending.
import type { QuickResponse } from "../../../shared/agent-console";

export interface TemplateContext {
  customer: { name: string; email?: string | null };
  agent: { name: string };
  attributes: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

function placeholderValue(path: string, context: TemplateContext): string | undefined {
  if (path === "customer.name") return context.customer.name;
  if (path === "customer.email") return context.customer.email ?? undefined;
  if (path === "agent.name") return context.agent.name;
  if (path === "agent.firstName") return context.agent.name.trim().split(/\s+/)[0];
  if (path.startsWith("attributes.")) {
    const key = path.slice("attributes.".length);
    return Object.hasOwn(context.attributes, key) ? context.attributes[key] : undefined;
  }
  return undefined;
}

/** The template with its placeholders filled; one without a value stays as written, for the agent to see. */
export function fillTemplate(body: string, context: TemplateContext): string {
  return body.replace(PLACEHOLDER, (whole, path: string) => placeholderValue(path, context) ?? whole);
}

export interface ShortcutQuery {
  /** Where the `#` is. */
  start: number;
  /** Where the typed shortcut ends (the cursor). */
  end: number;
  /** What follows the `#`, without it. */
  query: string;
}

/** The `#shortcut` being typed just before the cursor, if any: `#` at the start or after a space. */
export function shortcutQueryAt(text: string, cursor: number): ShortcutQuery | null {
  const before = text.slice(0, cursor);
  const match = /(^|\s)#([A-Za-z0-9_-]*)$/.exec(before);
  if (!match) return null;
  const start = cursor - match[2].length - 1;
  return { start, end: cursor, query: match[2] };
}

/** Shortcuts that start with the query first, then those that contain it; case does not matter. */
export function matchQuickResponses(all: readonly QuickResponse[], query: string): QuickResponse[] {
  const q = query.toLowerCase();
  const starts = all.filter((r) => r.shortcut.toLowerCase().startsWith(q));
  const contains = all.filter((r) => !r.shortcut.toLowerCase().startsWith(q) && r.shortcut.toLowerCase().includes(q));
  const byShortcut = (a: QuickResponse, b: QuickResponse) => a.shortcut.localeCompare(b.shortcut);
  return [...starts.sort(byShortcut), ...contains.sort(byShortcut)];
}

/** The composer's text with the `#shortcut` replaced by the filled template, and where the cursor goes. */
export function insertQuickResponse(
  text: string,
  at: Pick<ShortcutQuery, "start" | "end">,
  filled: string,
): { text: string; cursor: number } {
  const after = text.slice(at.end);
  const joiner = after.length > 0 && !/^\s/.test(after) ? " " : "";
  const inserted = filled + joiner;
  return { text: text.slice(0, at.start) + inserted + after, cursor: at.start + inserted.length };
}

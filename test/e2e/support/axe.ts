// Accessibility checked in the real browser by axe-core, injected from node_modules (no network), failing
// with one line per offending element so the report says what to fix without opening a trace.
import { createRequire } from "node:module";
import type axe from "axe-core";
import type { Page } from "playwright-core";

const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; summary: string }[];
}

/** Runs every default axe rule on the page as it is now; `disableRules` is for a rule a test explains. */
export async function expectNoAxeViolations(page: Page, options: { disableRules?: string[] } = {}) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axeScript });
  const violations: Violation[] = await page.evaluate(async (disableRules) => {
    const { axe: axeInPage } = window as unknown as { axe: typeof axe };
    const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
    const results = await axeInPage.run(document, { rules });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary ?? "" })),
    }));
  }, options.disableRules ?? []);
  if (violations.length > 0) throw new Error(describeViolations(page.url(), violations));
}

function describeViolations(url: string, violations: Violation[]): string {
  const lines = [`${violations.length} accessibility violation(s) on ${url}:`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? "unknown impact"}): ${v.help} — ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    ${node.target}`);
      if (node.summary) lines.push(`      ${node.summary.replaceAll("\n", "\n      ")}`);
    }
  }
  return lines.join("\n");
}

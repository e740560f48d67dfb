// Screenshots for the documentation: every run rewrites docs/screenshots/<name>.png from the real app.
import path from "node:path";
import type { Page } from "playwright-core";

const screenshotsDir = path.resolve(import.meta.dirname, "../../../docs/screenshots");

export async function screenshot(page: Page, name: string): Promise<string> {
  // Plain names keep the docs' links predictable and the file inside docs/screenshots.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name must be kebab-case: ${name}`);
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, animations: "disabled" });
  return file;
}

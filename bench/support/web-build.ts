// The browser benchmark measures the web client as built: dist/web, rebuilt with `vite build` when it is
// missing or older than any source it is built from (src/web, src/shared, the Vite config, the lockfile).
// The server serves a copy of it taken at the start of the run: the browser tests rebuild dist/web (emptying
// it first), and a build in the middle of a run would take the files from under the page.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const webRoot = path.join(projectRoot, "dist/web");
const sources = ["src/web", "src/shared", "vite.config.ts", "package-lock.json"].map((p) => path.join(projectRoot, p));

function newestMtime(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** Why dist/web must be rebuilt, or null when it is current. */
export function webBuildStaleness(): string | null {
  const index = path.join(webRoot, "index.html");
  if (!existsSync(index)) return "dist/web is missing";
  const builtAt = statSync(index).mtimeMs;
  const newest = Math.max(...sources.filter((s) => existsSync(s)).map(newestMtime));
  return newest > builtAt ? "sources changed since dist/web was built" : null;
}

/** Builds dist/web when stale; returns what was done. */
export function ensureWebBuild(): { built: boolean; reason: string | null } {
  const reason = webBuildStaleness();
  if (!reason) return { built: false, reason: null };
  // The production bundle whatever NODE_ENV says (under Vitest it is "test", which gives React's development build).
  const build = spawnSync("npx", ["vite", "build", "--logLevel", "error"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status ?? build.signal})`);
  return { built: true, reason };
}

/** A private copy of dist/web for this run; `remove` deletes it. */
export function copyWebBuild(): { webRoot: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-web-"));
  cpSync(webRoot, dir, { recursive: true });
  if (!existsSync(path.join(dir, "index.html"))) throw new Error("dist/web has no index.html");
  return { webRoot: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

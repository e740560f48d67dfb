// The customer chat widget's weight as a shop's page downloads it (issue 4: it "stays small"): the built
// dist/widget/widget.js, raw, gzipped and brotli-compressed, rebuilt first when missing or older than its
// sources. Baseline: the web console's own JavaScript (dist/web/assets/*.js) gzipped, when it is built.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const widgetFile = path.join(projectRoot, "dist/widget/widget.js");
const sources = ["src/widget", "src/shared", "vite.widget.config.ts", "package-lock.json"];

export interface WidgetSize {
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
  /** Why it was rebuilt, or null when dist/widget was current. */
  rebuilt: string | null;
  consoleGzipBytes: number | null;
}

function newestMtime(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((entry) => newestMtime(path.join(file, entry))));
}

function staleness(): string | null {
  if (!existsSync(widgetFile)) return "dist/widget/widget.js is missing";
  const newest = Math.max(
    ...sources
      .map((s) => path.join(projectRoot, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  return newest > statSync(widgetFile).mtimeMs ? "sources changed since it was built" : null;
}

export function measureWidgetSize(): WidgetSize {
  const rebuilt = staleness();
  if (rebuilt) {
    const build = spawnSync("npx", ["vite", "build", "--config", "vite.widget.config.ts", "--logLevel", "error"], {
      cwd: projectRoot,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error(`widget build failed (exit ${build.status ?? build.signal})`);
  }
  const script = readFileSync(widgetFile);
  const assets = path.join(projectRoot, "dist/web/assets");
  const consoleScripts = existsSync(assets) ? readdirSync(assets).filter((f) => f.endsWith(".js")) : [];
  const consoleGzipBytes = consoleScripts.length
    ? consoleScripts.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f))).length, 0)
    : null;
  return {
    bytes: script.length,
    gzipBytes: gzipSync(script).length,
    brotliBytes: brotliCompressSync(script).length,
    rebuilt,
    consoleGzipBytes,
  };
}

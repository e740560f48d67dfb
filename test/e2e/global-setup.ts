// Runs once before the browser tests: fails early when Chromium is missing, then builds the web client so
// every test serves the app as it is now, not whatever dist/web last held.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_PATH } from "./support/browser";

const projectRoot = path.resolve(import.meta.dirname, "../..");

export default function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's Chromium (apt-get install -y chromium).`);
  }
  const build = spawnSync("npx", ["vite", "build", "--logLevel", "error"], { cwd: projectRoot, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status ?? build.signal}).`);
}

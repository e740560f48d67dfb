// Runs once before the browser tests: fails early when Chromium is missing, then builds the web client and
// the chat widget so every test serves them as they are now, not whatever dist/ last held.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_PATH } from "./support/browser";

const projectRoot = path.resolve(import.meta.dirname, "../..");

export default function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's Chromium (apt-get install -y chromium).`);
  }
  for (const config of ["vite.config.ts", "vite.widget.config.ts"]) {
    // Vitest sets NODE_ENV=test, and Vite would then build React's development bundle (three times slower, and
    // left in dist/ for `npm start` and the benchmark to find current): build what ships.
    const build = spawnSync("npx", ["vite", "build", "--config", config, "--logLevel", "error"], {
      cwd: projectRoot,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0)
      throw new Error(`vite build --config ${config} failed (exit ${build.status ?? build.signal}).`);
  }
}

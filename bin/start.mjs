#!/usr/bin/env node
// `npm start`: build the web client and the chat widget if their sources changed, then run the demo (migrate,
// seed, serve, simulate) on port 3000 (PORT) with the embedded database unless DATABASE_URL is set.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const targets = [
  { what: "the web client", built: "dist/web/index.html", sources: ["src/web", "src/shared"], args: [] },
  {
    what: "the chat widget",
    built: "dist/widget/widget.js",
    sources: ["src/widget", "src/shared"],
    args: ["--config", "vite.widget.config.ts"],
  },
];
for (const { what, built, sources, args } of targets) {
  const output = path.join(root, built);
  const stale =
    !existsSync(output) || sources.some((dir) => newestMtime(path.join(root, dir)) > statSync(output).mtimeMs);
  if (!stale) continue;
  console.log(`Building ${what}…`);
  // What ships: an inherited NODE_ENV (test, development) would make Vite bundle React's development build.
  const build = spawnSync("npx", ["vite", "build", ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const demo = spawnSync(process.execPath, [path.join(root, "bin/switchboard.mjs"), "demo", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(demo.status ?? 1);

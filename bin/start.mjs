#!/usr/bin/env node
// `npm start`: build the web client if its sources changed, then run the demo (migrate, seed, serve,
// simulate) on port 3000 (PORT) with the embedded database unless DATABASE_URL is set.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "dist/web/index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, "src/web"), path.join(root, "src/shared")];
const stale = !existsSync(built) || sources.some((dir) => newestMtime(dir) > statSync(built).mtimeMs);
if (stale) {
  console.log("Building the web client…");
  const build = spawnSync("npx", ["vite", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const demo = spawnSync(process.execPath, [path.join(root, "bin/switchboard.mjs"), "demo", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(demo.status ?? 1);

#!/usr/bin/env node
// Runs a TypeScript entry point through tsx (`node --import tsx <args>`), so scripts such as `npm run bench`
// need no build step; the exit code and Ctrl-C pass straight through.
import { spawn } from "node:child_process";

const child = spawn(process.execPath, ["--import", "tsx", ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});

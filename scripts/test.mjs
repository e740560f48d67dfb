#!/usr/bin/env node
// Runs every test: the whole suite on embedded PGlite, again on PostgreSQL, then the browser tests;
// ends with one line that totals them all: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "test-results");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

async function postgresUrl() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  // Our own throwaway database on the local server, fresh for every run.
  const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
  try {
    await admin.connect();
  } catch (error) {
    console.error(
      `PostgreSQL is not reachable at 127.0.0.1:5432 (${error.message}). Start it, or set TEST_DATABASE_URL.`,
    );
    process.exit(2);
  }
  await admin.query("drop database if exists switchboard_test with (force)");
  await admin.query("create database switchboard_test");
  await admin.end();
  return "postgres://postgres@127.0.0.1:5432/switchboard_test";
}

function runSuite(name, args, env) {
  console.log(`\n=== ${name} ===`);
  const jsonFile = path.join(outDir, `${name}.json`);
  const result = spawnSync(
    "npx",
    ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${jsonFile}`],
    { cwd: root, stdio: "inherit", env: { ...process.env, ...env } },
  );
  if (!existsSync(jsonFile)) return { passed: 0, failed: 1, skipped: 0, crashed: true };
  const report = JSON.parse(readFileSync(jsonFile, "utf8"));
  const failedFiles = report.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedFiles,
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    crashed: result.status !== 0 && report.numFailedTests + failedFiles === 0,
  };
}

const url = await postgresUrl();
const suites = [
  runSuite("pglite", [], { TEST_DATABASE_URL: "" }),
  runSuite("postgres", [], { TEST_DATABASE_URL: url }),
];
if (existsSync(path.join(root, "test/e2e"))) {
  suites.push(runSuite("browser", ["--config", "test/e2e/vitest.config.ts"], { TEST_DATABASE_URL: "" }));
}

const total = suites.reduce(
  (sum, s) => ({
    passed: sum.passed + s.passed,
    failed: sum.failed + s.failed + (s.crashed ? 1 : 0),
    skipped: sum.skipped + s.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log("");
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);

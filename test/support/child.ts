// Starts test/support/child-server.ts as a separate process and waits until it listens.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { testExportsDir } from "./server";

export interface ChildServer {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const entry = path.join(import.meta.dirname, "child-server.ts");
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...process.env, PORT: "0", EXPORTS_DIR: testExportsDir, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.once("exit", (code) => reject(new Error(`child server exited with ${code}`)));
    child.stdout?.on("data", (chunk) => {
      buffer += chunk;
      const line = buffer.split("\n")[0];
      if (!buffer.includes("\n")) return;
      const { url } = JSON.parse(line);
      resolve({
        url,
        process: child,
        stop: (signal = "SIGTERM") =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill(signal);
          }),
      });
    });
  });
}

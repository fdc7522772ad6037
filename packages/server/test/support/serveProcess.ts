// `polar-customers serve` as a child process, the way a person starts it:
// waits for the bootstrap token and the "listening on" line.

import { spawn, type ChildProcess } from "node:child_process";

export interface ServeProcess {
  url: string;
  /** The organization token printed on first start, if the database was empty. */
  token: string | null;
  output: () => string;
  stop(): Promise<void>;
}

export async function startServeProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ServeProcess> {
  // Its own process group: a wrapper such as npx is stopped together with the server it started.
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, LOG_LEVEL: "silent", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`serve did not start within ${options.timeoutMs ?? 60_000} ms:\n${output}`)),
        options.timeoutMs ?? 60_000,
      );
      const check = () => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout!.on("data", check);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}:\n${output}`));
      });
    });
    const token = /\b(polar_oat_[A-Za-z0-9_-]+)/.exec(output)?.[1] ?? null;
    return { url, token, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

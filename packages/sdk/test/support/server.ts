// Starts the real server (packages/server) as a child process on a free port, with an empty
// in-memory database, and reads the token, organization id and URL it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SERVER_MAIN = fileURLToPath(new URL("../../../server/dist/cli/main.js", import.meta.url));

export type RunningServer = { url: string; token: string; organizationId: string; stop: () => Promise<void> };

export function serverAvailable(): boolean {
  return existsSync(SERVER_MAIN);
}

export async function startServer(): Promise<RunningServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [SERVER_MAIN, "serve", "--database", "sqlite::memory:", "--port", "0", "--host", "127.0.0.1"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const found = await new Promise<{ url: string; token: string; organizationId: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const token = output.match(/polar_oat_[A-Za-z0-9_-]+/)?.[0];
      const organizationId = output.match(/organization[^\n]*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i)?.[1];
      // The "listening on" line comes last and names the server's root (earlier lines name /docs).
      const url = output.match(/listening on (http:\/\/[^\s"]+)/)?.[1];
      if (token && organizationId && url) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        resolve({ url, token, organizationId });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  child.stderr!.resume();
  return {
    ...found,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

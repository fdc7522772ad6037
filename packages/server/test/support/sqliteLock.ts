// Another process holding SQLite's write lock, as the sqlite3 shell does with
// `BEGIN EXCLUSIVE`: started, it takes the lock; released, it commits.

import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

const SCRIPT = `
const Database = require(process.env.BETTER_SQLITE3);
const db = new Database(process.env.DB_FILE);
db.exec("BEGIN EXCLUSIVE");
db.prepare("CREATE TABLE IF NOT EXISTS lock_holder (at INTEGER)").run();
process.stdout.write("locked\\n");
process.stdin.once("data", () => {
  db.exec("COMMIT");
  db.close();
  process.stdout.write("released\\n");
  process.exit(0);
});
`;

export class SqliteLockHolder {
  private constructor(private readonly child: ChildProcess) {}

  static async hold(file: string): Promise<SqliteLockHolder> {
    const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3");
    const child = spawn(process.execPath, ["-e", SCRIPT], {
      env: { ...process.env, DB_FILE: file, BETTER_SQLITE3: betterSqlite3 },
      stdio: ["pipe", "pipe", "inherit"],
    });
    await SqliteLockHolder.line(child, "locked");
    return new SqliteLockHolder(child);
  }

  private static line(child: ChildProcess, expected: string): Promise<void> {
    return new Promise((resolve, reject) => {
      let output = "";
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(`${expected}\n`)) {
          child.stdout?.off("data", onData);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`lock holder exited with ${code} before "${expected}"`)));
    });
  }

  async release(): Promise<void> {
    const released = SqliteLockHolder.line(this.child, "released");
    this.child.stdin?.write("release\n");
    await released;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

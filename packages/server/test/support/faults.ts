// Shared pieces of the fault-injection suites: the answer a client must get
// while the database cannot be used, polling for recovery, and a steady
// stream of writes whose acknowledged results are checked afterwards.

import assert from "node:assert/strict";
import { unique, type Reply, type TestServer } from "./server.js";

/** "Did not hang": generous enough for a loaded 2-core machine, far below any hang. */
export const ANSWER_BOUND_MS = 10_000;

export async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work;
  return { value, ms: performance.now() - start };
}

/** 503, a JSON body clients can parse, and when to retry. */
export function assertUnavailable(reply: Reply, what: string): void {
  assert.equal(reply.status, 503, `${what}: ${reply.status} ${reply.text}`);
  assert.match(reply.headers.get("content-type") ?? "", /^application\/json/, what);
  assert.equal(reply.body.error, "ServiceUnavailable", what);
  assert.equal(typeof reply.body.detail, "string", what);
  assert.match(reply.headers.get("retry-after") ?? "", /^[1-9]\d*$/, `${what}: Retry-After`);
}

/** Polls `attempt` until it returns a value; fails after `boundMs`. */
export async function eventually<T>(attempt: () => Promise<T | undefined>, boundMs: number, what: string): Promise<T> {
  const deadline = Date.now() + boundMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${boundMs} ms${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clients creating customers in a loop; what the server acknowledged (201) must survive. */
export class Writers {
  readonly acknowledged: string[] = [];
  readonly statuses = new Map<number, number>();
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly server: TestServer,
    count: number,
    private readonly fields: () => Record<string, unknown> = () => ({}),
  ) {
    for (let i = 0; i < count; i++) this.loops.push(this.loop());
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let reply: Reply;
      try {
        reply = await this.server.request("POST", "/v1/customers/", { body: { email: `${unique("w")}@example.com`, ...this.fields() } });
      } catch {
        // A connection the server closed is not an acknowledgement; keep going.
        continue;
      }
      this.statuses.set(reply.status, (this.statuses.get(reply.status) ?? 0) + 1);
      if (reply.status === 201) this.acknowledged.push(reply.body.id);
      else if (reply.status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

/** Every acknowledged customer can be read back. */
export async function assertAllPresent(server: TestServer, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const reply = await server.request("GET", `/v1/customers/${id}`);
    assert.equal(reply.status, 200, `acknowledged customer ${id} is missing: ${reply.status} ${reply.text}`);
  }
}

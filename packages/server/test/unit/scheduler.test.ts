// The scheduler loop on its own: every job over every window until nothing is
// left, passes that never overlap, and a failing job that stops neither the
// other jobs nor later passes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runDue, startScheduler, type DueWindow, type ScheduledJob } from "../../src/platform/scheduler.js";

/** A job with `due` items per window key, processed `batch` at a time. */
function queueJob(name: string, due: Map<string, number>, batch = 1, seen: string[] = []): ScheduledJob {
  return {
    name,
    async run(window) {
      const key = window.organizationIds?.join(",") ?? "rest";
      const left = due.get(key) ?? 0;
      const n = Math.min(batch, left);
      due.set(key, left - n);
      seen.push(`${name}:${key}:${n}`);
      return n;
    },
  };
}

describe("scheduler", () => {
  it("runDue repeats each job over each window until it reports nothing processed", async () => {
    const due = new Map([
      ["rest", 3],
      ["org-a", 2],
    ]);
    const seen: string[] = [];
    const windows: DueWindow[] = [
      { upTo: new Date(), excludeOrganizationIds: ["org-a"] },
      { upTo: new Date(), organizationIds: ["org-a"] },
    ];
    assert.equal(await runDue([queueJob("period-ends", due, 2, seen)], windows), 5);
    assert.deepEqual(seen, [
      "period-ends:rest:2",
      "period-ends:rest:1",
      "period-ends:rest:0",
      "period-ends:org-a:2",
      "period-ends:org-a:0",
    ]);
  });

  it("a failing job is reported and retried on the next pass; the other jobs still run", async () => {
    let failures = 0;
    const errors: string[] = [];
    const flaky: ScheduledJob = {
      name: "flaky",
      async run() {
        if (failures++ < 1) throw new Error("database unreachable");
        return 0;
      },
    };
    const due = new Map([["rest", 1]]);
    const scheduler = startScheduler({
      jobs: [flaky, queueJob("steady", due)],
      windows: async () => [{ upTo: new Date() }],
      intervalMs: 60_000,
      onError: (job, error) => errors.push(`${job}: ${(error as Error).message}`),
    });
    try {
      assert.equal(await scheduler.runOnce(), 1, "the steady job ran despite the failure");
      assert.deepEqual(errors, ["flaky: database unreachable"]);
      assert.equal(await scheduler.runOnce(), 0);
      assert.equal(errors.length, 1, "the retry succeeded");
    } finally {
      await scheduler.stop();
    }
  });

  it("passes never overlap, and the loop runs passes by itself", async () => {
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    const slow: ScheduledJob = {
      name: "slow",
      async run() {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        passes++;
        return 0;
      },
    };
    const scheduler = startScheduler({ jobs: [slow], windows: async () => [{ upTo: new Date() }], intervalMs: 1, onError: assert.fail });
    await Promise.all([scheduler.runOnce(), scheduler.runOnce(), scheduler.runOnce()]);
    for (let i = 0; i < 200 && passes < 6; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await scheduler.stop();
    assert.equal(maxRunning, 1);
    assert.ok(passes >= 6, `the timer ran passes too (${passes})`);
  });
});

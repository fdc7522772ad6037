// Work that falls due with time (period ends, later webhook retries): modules
// contribute jobs, and one loop inside `serve` runs them. Everything a job
// needs is in the database, so a restart loses nothing and several instances
// may run the loop side by side: each job claims its rows (row locks) itself.

/** What is due: everything up to `upTo`, within (or outside) some organizations. */
export interface DueWindow {
  upTo: Date;
  /** Only these organizations (those whose test clock reads `upTo`). */
  organizationIds?: readonly string[];
  /** Every organization except these (they have test clocks of their own). */
  excludeOrganizationIds?: readonly string[];
}

export interface ScheduledJob {
  readonly name: string;
  /** Processes what is due in the window, oldest first; resolves with how many items it processed. */
  run(window: DueWindow): Promise<number>;
}

export interface SchedulerOptions {
  jobs: readonly ScheduledJob[];
  /** The windows of one pass: real time for most organizations, their own time for those with test clocks. */
  windows(): Promise<DueWindow[]>;
  intervalMs: number;
  /** A failed pass is retried on the next tick (a database outage must not stop the loop). */
  onError(job: string, error: unknown): void;
}

export interface Scheduler {
  /** One pass now (also what each tick does); resolves with the number of items processed. */
  runOnce(): Promise<number>;
  /** Stops the loop and waits for a pass in progress. */
  stop(): Promise<void>;
}

/** Runs every job over every window until none has anything left (a job may process in batches). */
export async function runDue(jobs: readonly ScheduledJob[], windows: readonly DueWindow[]): Promise<number> {
  let total = 0;
  for (const window of windows)
    for (const job of jobs) {
      for (;;) {
        const processed = await job.run(window);
        total += processed;
        if (processed === 0) break;
      }
    }
  return total;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<number> | undefined;

  const runPass = async (): Promise<number> => {
    let total = 0;
    let windows: DueWindow[];
    try {
      windows = await options.windows();
    } catch (error) {
      options.onError("windows", error);
      return 0;
    }
    for (const job of options.jobs) {
      try {
        total += await runDue([job], windows);
      } catch (error) {
        options.onError(job.name, error);
      }
    }
    return total;
  };

  const runOnce = (): Promise<number> => {
    // Passes never overlap: a caller that asks during one waits for it, then runs its own.
    const next = (pass ?? Promise.resolve(0)).then(runPass, runPass);
    pass = next;
    return next;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(schedule);
    }, options.intervalMs);
    // The loop alone never keeps the process alive.
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass?.catch(() => undefined);
    },
  };
}

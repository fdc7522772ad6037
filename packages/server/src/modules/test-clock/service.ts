// Moving an organization's time forward, and running everything that falls
// due in the skipped interval (period ends, in order) before answering: the
// caller sees the world as real time would have left it.
import { ValidationFailed } from "../../platform/errors.js";
import { runDue, type ScheduledJob } from "../../platform/scheduler.js";
import { formatDateTime } from "../../platform/schema/datetime.js";
import { issue } from "../../platform/schema/issues.js";
import type { TestClocks } from "./clock.js";
import type { ClockTarget } from "./requests.js";
import type { TestClockStore } from "./store.js";

export interface ClockReading {
  organization_id: string;
  /** The organization's time. */
  now: string;
  /** Seconds its clock runs ahead of real time (0 without a test clock). */
  offset_seconds: number;
}

export interface AdvanceResult extends ClockReading {
  /** How many due items (period ends, …) the advance processed. */
  processed: number;
}

export class TestClockService {
  constructor(
    private readonly store: TestClockStore,
    private readonly clocks: TestClocks,
    private readonly jobs: () => readonly ScheduledJob[],
  ) {}

  async read(organizationId: string): Promise<ClockReading> {
    await this.clocks.refresh(this.store);
    return this.reading(organizationId);
  }

  async advance(organizationId: string, target: ClockTarget): Promise<AdvanceResult> {
    // Another instance or the CLI may have moved it since our last look.
    await this.clocks.refresh(this.store);
    const current = this.clocks.now(organizationId);
    const to = "to" in target ? target.to : new Date(current.getTime() + target.byMs);
    // Before an earlier advance's time is a mistake. Between that time and the running clock it is
    // no move at all: so concurrent advances to one time (several test workers, several instances)
    // all succeed, and the clock still never goes back.
    const floor = await this.store.lastTarget(organizationId);
    if (floor !== null && to.getTime() < floor.getTime())
      throw new ValidationFailed([
        issue(
          "value_error",
          ["body", "to"],
          `Value error, the clock of this organization was already moved to ${formatDateTime(floor)} and only moves forward.`,
          formatDateTime(to),
        ),
      ]);
    if (floor === null && to.getTime() < current.getTime())
      throw new ValidationFailed([
        issue(
          "value_error",
          ["body", "to"],
          `Value error, the clock of this organization reads ${formatDateTime(current)} and only moves forward.`,
          formatDateTime(to),
        ),
      ]);
    const stored = await this.store.advance(organizationId, to.getTime() - Date.now(), new Date());
    this.clocks.set(organizationId, stored);
    const processed = await runDue(this.jobs(), [{ upTo: this.clocks.now(organizationId), organizationIds: [organizationId] }]);
    return { ...this.reading(organizationId), processed };
  }

  private reading(organizationId: string): ClockReading {
    const now = this.clocks.now(organizationId);
    return { organization_id: organizationId, now: formatDateTime(now), offset_seconds: Math.round((now.getTime() - Date.now()) / 1000) };
  }
}

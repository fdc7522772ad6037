// The server's clock with per-organization test clocks: an organization whose
// clock was advanced reads real time plus its offset; every other one reads
// real time. Offsets live in the database; this copy is refreshed on every
// scheduler pass, so an advance made by the CLI or another instance shows here
// within one scheduler interval.
import type { Clock } from "../../platform/clock.js";
import type { DueWindow } from "../../platform/scheduler.js";
import type { TestClockStore } from "./store.js";

export class TestClocks implements Clock {
  private offsets = new Map<string, number>();

  now(organizationId?: string): Date {
    const offset = organizationId === undefined ? undefined : this.offsets.get(organizationId);
    return new Date(offset === undefined ? Date.now() : Date.now() + offset);
  }

  /** Whether this organization's time runs ahead of real time. */
  isMoved(organizationId: string): boolean {
    return this.offsets.has(organizationId);
  }

  set(organizationId: string, offsetMs: number): void {
    this.offsets.set(organizationId, offsetMs);
  }

  async refresh(store: TestClockStore): Promise<void> {
    this.offsets = await store.offsets();
  }

  /** What is due now: real time for every organization without a test clock, each test clock's own time for the rest. */
  windows(): DueWindow[] {
    const now = Date.now();
    const moved = [...this.offsets.keys()];
    return [
      { upTo: new Date(now), excludeOrganizationIds: moved },
      ...moved.map((id) => ({ upTo: new Date(now + this.offsets.get(id)!), organizationIds: [id] })),
    ];
  }
}

// What the events service and the customer-meters module need from a database.
import type { EventRecord } from "./model.js";

/** Whose user events a customer-meter window reads: by customer id, and by the customer's external id. */
export interface UsageWindow {
  organizationId: string;
  customerId: string;
  externalCustomerId: string | null;
  /** Only events ingested at or after this instant (null: all history). */
  since: Date | null;
}

export interface EventStore {
  /** Removes every event of one organization (test resets). */
  deleteOrganizationData(organizationId: string): Promise<void>;
  /**
   * Inserts the events, skipping any whose external id the organization already has (the unique
   * index decides, so concurrent ingests of one external id store it once). Returns the ids stored.
   */
  insertMany(events: readonly EventRecord[]): Promise<string[]>;
  /** Visits the window's user events in pages of at most `pageSize`, so a long history is folded without loading it whole. */
  forEachUserEvent(window: UsageWindow, visit: (events: EventRecord[]) => void, pageSize?: number): Promise<void>;
  /** Every meter.credited and meter.reset of the customer, all its meters, in timestamp then write order (usage reads). */
  customerLedger(customerId: string): Promise<EventRecord[]>;
  /** System events `name` about one meter of one customer, ingested at or after `since`, in timestamp then write order. */
  systemEvents(query: { customerId: string; meterId: string; name: string; since: Date | null }): Promise<EventRecord[]>;
  /** The timestamp of the latest system event `name` about one meter of one customer. */
  latestSystemEvent(query: { customerId: string; meterId: string; name: string }): Promise<Date | null>;
}

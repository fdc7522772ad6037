// A usage event as the services and the store see it. User events come from
// the ingest endpoint; system events (meter credits and resets) are written by
// the customer-meters ledger into the same table.

export type EventSource = "user" | "system";

/** The system events the ledger writes. */
export const METER_CREDITED = "meter.credited";
export const METER_RESET = "meter.reset";

export interface EventRecord {
  id: string;
  organizationId: string;
  source: EventSource;
  name: string;
  /** When it happened (client supplied for user events), UTC. */
  timestamp: Date;
  /** When we stored it: customer-meter windows are measured on this. */
  ingestedAt: Date;
  /** Set for events sent with `customer_id`, and for every system event. */
  customerId: string | null;
  /** Set for events sent with `external_customer_id`: attributed to whichever customer has that external id when read. */
  externalCustomerId: string | null;
  memberId: string | null;
  externalMemberId: string | null;
  /** The client's deduplication key, unique per organization. */
  externalId: string | null;
  parentId: string | null;
  /** The meter a system event is about (also in its metadata), so a meter's credits and resets are found by index. */
  meterId: string | null;
  metadata: Record<string, unknown>;
}

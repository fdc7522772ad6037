// What the webhooks service, the outbox sink and the dispatcher need from a database.
import type { DeferredDomainEvent, DomainEvent } from "../../platform/events.js";
import type { DeliveryRecord, EndpointChanges, EndpointRecord, NewEndpoint, WebhookEventRecord, WebhookEventType } from "./model.js";

export interface Page<T> {
  items: T[];
  totalCount: number;
}

export interface ListDeliveriesQuery {
  organizationIds: readonly string[];
  endpointIds?: string[];
  after?: Date;
  before?: Date;
  succeeded?: boolean;
  /** Case-insensitive substring of the delivery id, the event id or the http code. */
  query?: string;
  httpCodeClass?: 2 | 3 | 4 | 5;
  eventTypes?: WebhookEventType[];
  limit: number;
  offset: number;
}

export interface TailedDelivery extends DeliveryRecord {
  endpointUrl: string;
}

/** An event claimed for one attempt: the row plus the endpoint it goes to. */
export interface ClaimedEvent {
  event: WebhookEventRecord;
  endpoint: EndpointRecord;
  leaseToken: string;
  /** Set for a deferred event that has not been rendered yet. */
  deferred?: { subjectId: string };
}

export interface AttemptOutcome {
  at: Date;
  succeeded: boolean;
  httpCode: number | null;
  response: string | null;
  durationMs: number;
  /** When to try again; null = no further attempt. */
  retryAt: Date | null;
}

export interface WebhookStore {
  insertEndpoint(endpoint: NewEndpoint): Promise<EndpointRecord>;
  findEndpoint(organizationIds: readonly string[], id: string): Promise<EndpointRecord | undefined>;
  listEndpoints(organizationIds: readonly string[], limit: number, offset: number): Promise<Page<EndpointRecord>>;
  /** Applies changes to a live endpoint; undefined if it is gone. */
  updateEndpoint(id: string, changes: EndpointChanges): Promise<EndpointRecord | undefined>;

  /** Queues one event row per enabled, subscribed endpoint of the organization, due at `dueAt`. */
  recordEvent(event: DomainEvent, dueAt: Date): Promise<void>;
  /** Same for a deferred event, postponing a waiting one with the same key (at most until `maxDelayMs` after the first). */
  recordDeferredEvent(event: DeferredDomainEvent, dueAt: Date, maxDelayMs: number): Promise<void>;

  findEvent(organizationIds: readonly string[], id: string): Promise<WebhookEventRecord | undefined>;
  /** Any organization's event (the operator's CLI). */
  findEventAnywhere(id: string): Promise<WebhookEventRecord | undefined>;
  /** Deliveries after `after` (exclusive), oldest first, optionally of one organization: what `webhooks tail` prints. */
  deliveriesAfter(query: { organizationId?: string; after?: { at: Date; id: string }; limit: number }): Promise<TailedDelivery[]>;
  /** Makes the event due now (or right after an attempt in flight). */
  requestRedelivery(id: string, now: Date): Promise<void>;
  listDeliveries(query: ListDeliveriesQuery): Promise<Page<DeliveryRecord>>;

  /** Claims up to `limit` due events, each for one attempt, until `leaseUntil` (other instances skip them). */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEvent[]>;
  /** Stores the rendered body of a claimed deferred event; false if the lease was lost. */
  setPayload(claim: ClaimedEvent, payload: string): Promise<boolean>;
  /** Ends a claimed event without an attempt (endpoint disabled, subject gone): `skipped`. */
  skip(claim: ClaimedEvent, at: Date): Promise<void>;
  /** Records the attempt and schedules the next one, atomically; false if the lease was lost (nothing written). */
  recordAttempt(claim: ClaimedEvent, outcome: AttemptOutcome): Promise<boolean>;
  /** Polar's rule: disables the endpoint when its last `threshold` finished events all failed; whether it did. */
  disableIfFailing(endpointId: string, threshold: number, at: Date): Promise<boolean>;

  deleteOrganizationData(organizationId: string): Promise<void>;
}

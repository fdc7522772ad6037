// Domain events recorded inside a unit of work. A service that changes
// something records what happened through the transaction's `events` sink;
// whichever module receives events (webhooks) writes its outbox rows on the
// same transaction, so the change and its events commit together or not at
// all. Services depend on this interface only, never on the receiving module.

export interface DomainEvent {
  /** Polar's event type, e.g. `customer.created`. */
  type: string;
  organizationId: string;
  /** When it happened, on the organization's clock: the envelope's `timestamp`. */
  occurredAt: Date;
  /** The event's `data`, as the API would serialise the object (built from the row as committed). */
  data: unknown;
}

/**
 * An event whose data is computed when it is sent rather than when it is
 * recorded (`customer.state_changed` carries freshly computed state).
 * Recording one while an earlier one with the same `debounceKey` is still
 * waiting only postpones that one: a burst gives one event, with the state
 * of the moment it is sent.
 */
export interface DeferredDomainEvent {
  type: string;
  organizationId: string;
  occurredAt: Date;
  /** What the renderer registered for `type` needs to build the data (e.g. a customer id). */
  subjectId: string;
  /** Events sharing a key are coalesced while none of them has been sent yet. */
  debounceKey: string;
}

export interface EventSink {
  record(event: DomainEvent): Promise<void>;
  recordDeferred(event: DeferredDomainEvent): Promise<void>;
}

/** Builds the `data` of a deferred event when it is sent; undefined drops the event (its subject is gone). */
export type DeferredEventRenderer = (organizationId: string, subjectId: string) => Promise<unknown>;

/** A sink that keeps nothing: for compositions without an event receiver. */
export const discardEvents: EventSink = {
  record: async () => undefined,
  recordDeferred: async () => undefined,
};

/**
 * The customer's state changed: one `customer.state_changed` per burst
 * (coalesced per customer), its data computed when sent. Every module whose
 * change shows in customer state records it through this one helper.
 */
export const recordStateChanged = (outbox: EventSink, organizationId: string, customerId: string, at: Date): Promise<void> =>
  outbox.recordDeferred({
    type: "customer.state_changed",
    organizationId,
    occurredAt: at,
    subjectId: customerId,
    debounceKey: `customer.state_changed:${customerId}`,
  });

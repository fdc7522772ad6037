// Ingesting usage events: per-item organization, customer and member checks
// (all errors of a batch in one 422, nothing stored), deduplication by
// external id, then the customer-meter rows the new events touch.

import type { EventSink } from "../../platform/events.js";
import { randomUUID } from "node:crypto";
import type { AccessContext, MemberRole } from "../../platform/auth/principal.js";
import type { Clock } from "../../platform/clock.js";
import { ValidationFailed } from "../../platform/errors.js";
import { issue, type Issue } from "../../platform/schema/issues.js";
import type { CustomerStore } from "../customers/index.js";
import type { MeterStore } from "../meters/index.js";
import { syncCustomerMeters, type CustomerMeterRows } from "./customer-meters.js";
import type { EventRecord } from "./model.js";
import { variantIssues, type EventCreate, type EventsIngest } from "./requests.js";
import type { EventStore } from "./store.js";

/** The stores one ingest writes through, all in one transaction. */
export interface IngestStores {
  events: EventStore;
  customers: CustomerStore;
  meters: MeterStore;
  customerMeters: CustomerMeterRows;
  /** In a transaction: where the state changes that usage makes go. */
  outbox?: EventSink;
}

export interface EventsDeps extends IngestStores {
  clock: Clock;
  transaction<T>(work: (tx: IngestStores) => Promise<T>): Promise<T>;
}

export interface IngestResult {
  inserted: number;
  duplicates: number;
}

/** Roles holding Polar's `events:ingest` permission (as for the other write permissions, not `finance`). */
const INGESTING_ROLES: ReadonlySet<MemberRole> = new Set(["owner", "admin", "member"]);

export class EventService {
  constructor(private readonly deps: EventsDeps) {}

  async ingest(context: AccessContext, body: EventsIngest): Promise<IngestResult> {
    const items = body.events;
    const organizations = items.map((item, i) => this.organizationOf(context, item, i));
    this.rejectFutureTimestamps(items, organizations);

    const problems: Issue[] = [];
    // A batch usually names few customers many times: each is looked up once.
    const known = new Map<string, boolean>();
    const exists = async (organizationId: string, customerId: string) => {
      const key = `${organizationId}\u0000${customerId}`;
      let found = known.get(key);
      if (found === undefined) known.set(key, (found = (await this.deps.customers.findById([organizationId], customerId)) !== undefined));
      return found;
    };
    for (const [i, item] of items.entries()) {
      const organization = organizations[i];
      if (typeof organization !== "string") {
        problems.push(organization);
        continue;
      }
      if (item.variant === "EventCreateCustomer") {
        if (!(await exists(organization, item.value.customer_id!)))
          problems.push(issue("customer_id", ["body", "events", i, "customer_id"], "Customer not found.", item.value.customer_id));
        // This server has no members API, so no member id can exist.
        if (item.value.member_id != null)
          problems.push(issue("member_id", ["body", "events", i, "member_id"], "Member not found.", item.value.member_id));
      }
    }
    if (problems.length > 0) throw new ValidationFailed(problems);

    const records = items.map((item, i) => this.record(item, organizations[i] as string));
    const unique = firstPerExternalId(records);
    const inserted = await this.deps.transaction(async (tx) => {
      const ids = new Set(await tx.events.insertMany(unique));
      const stored = unique.filter((e) => ids.has(e.id));
      await syncCustomerMeters(tx, stored);
      return stored.length;
    });
    return { inserted, duplicates: records.length - inserted };
  }

  /** Polar's per-item organization rule; the answer is the organization id or the item's issue. */
  private organizationOf(context: AccessContext, item: EventCreate, i: number): string | Issue {
    const loc = ["body", "events", i, "organization_id"];
    const requested = item.value.organization_id ?? null;
    const { principal } = context;
    if (principal.kind === "organization") {
      if (requested !== null)
        return issue("organization_token", loc, "Setting organization_id is disallowed when using an organization token.", requested);
      return context.organizationIds.includes(principal.organizationId)
        ? principal.organizationId
        : issue("organization_id", loc, "Organization not found.", null);
    }
    if (requested === null) {
      if (context.narrowedTo !== null && context.organizationIds.length === 1 && this.mayIngest(context, context.organizationIds[0]))
        return context.organizationIds[0];
      return issue("missing", loc, "organization_id is required.", null);
    }
    return context.organizationIds.includes(requested) && this.mayIngest(context, requested)
      ? requested
      : issue("organization_id", loc, "Organization not found.", requested);
  }

  private mayIngest(context: AccessContext, organizationId: string): boolean {
    const { principal } = context;
    if (principal.kind === "organization") return true;
    const role = principal.roles.get(organizationId);
    return role !== undefined && INGESTING_ROLES.has(role);
  }

  /**
   * "Timestamp must be in the past" is a validator of the body model on Polar, so it is a schema error,
   * listed as Pydantic lists a failed smart union: every member's issues, the timestamp's first. It is
   * checked here because "now" is the organization's clock.
   */
  private rejectFutureTimestamps(items: readonly EventCreate[], organizations: readonly (string | Issue)[]): void {
    const problems: Issue[] = [];
    for (const [i, item] of items.entries()) {
      const timestamp = item.value.timestamp;
      const organization = organizations[i];
      const now = this.deps.clock.now(typeof organization === "string" ? organization : undefined);
      if (timestamp === undefined || timestamp <= now) continue;
      const loc = ["body", "events", i];
      const raw = (item.input as Record<string, unknown>).timestamp;
      for (const { name, issues } of variantIssues(item.input, loc)) {
        problems.push(issue("value_error", [...loc, name, "timestamp"], "Value error, Timestamp must be in the past.", raw, { error: {} }));
        problems.push(...issues);
      }
    }
    if (problems.length > 0) throw new ValidationFailed(problems, "RequestValidationError");
  }

  private record(item: EventCreate, organizationId: string): EventRecord {
    const now = this.deps.clock.now(organizationId);
    const v = item.value;
    return {
      id: randomUUID(),
      organizationId,
      source: "user",
      name: v.name!,
      timestamp: v.timestamp ?? now,
      ingestedAt: now,
      customerId: item.variant === "EventCreateCustomer" ? item.value.customer_id! : null,
      externalCustomerId: item.variant === "EventCreateExternalCustomer" ? item.value.external_customer_id! : null,
      memberId: item.variant === "EventCreateCustomer" ? (item.value.member_id ?? null) : null,
      externalMemberId: item.variant === "EventCreateExternalCustomer" ? (item.value.external_member_id ?? null) : null,
      externalId: v.external_id ?? null,
      parentId: v.parent_id ?? null,
      meterId: null,
      metadata: v.metadata ?? {},
    };
  }
}

/** A repeat of an external id earlier in the same batch is a duplicate too (the database catches repeats of stored ones). */
function firstPerExternalId(records: readonly EventRecord[]): EventRecord[] {
  const seen = new Set<string>();
  return records.filter((e) => {
    if (e.externalId === null) return true;
    const key = `${e.organizationId}\u0000${e.externalId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

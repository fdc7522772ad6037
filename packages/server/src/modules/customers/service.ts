// The customers rules: tenancy, uniqueness, write-once external ids, tax-id
// validation and soft deletion. Schema validation has already happened; this
// layer raises business errors and talks to the store.

import { randomUUID } from "node:crypto";
import { assertCanManage, targetOrganization } from "../../platform/auth/organization.js";
import type { AccessContext } from "../../platform/auth/principal.js";
import type { Cascading } from "../../platform/cascade.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import { discardEvents, recordStateChanged, type EventSink } from "../../platform/events.js";
import { Conflict, ResourceNotFound, ValidationFailed } from "../../platform/errors.js";
import { issue, type Issue } from "../../platform/schema/issues.js";
import { UniqueViolationError } from "../../platform/storage/seam.js";
import { validateTaxId } from "../../validation/taxId.js";
import { anonymizedChanges, softDeleteChanges } from "./deletion.js";
import type { CustomerChanges, CustomerRecord } from "./model.js";
import type { CustomerCreate, CustomerUpdate } from "./requests.js";
import { customerResponse } from "./responses.js";
import type { CustomerPage, CustomerStore, ListCustomersQuery } from "./store.js";

export const EMAIL_TAKEN = "A customer with this email address already exists.";
export const EXTERNAL_ID_TAKEN = "A customer with this external ID already exists.";

const emailTaken = (email: string) => issue("value_error", ["body", "email"], EMAIL_TAKEN, email);
const externalIdTaken = (externalId: string) => issue("value_error", ["body", "external_id"], EXTERNAL_ID_TAKEN, externalId);
const fail = (...issues: Issue[]): never => {
  throw new ValidationFailed(issues);
};

export type ListParams = Omit<ListCustomersQuery, "organizationIds"> & { organizationIds?: string[] };

/** One transaction over the customers store and the event sink: a change and its events commit together (platform/events.ts). */
/** Deletion with what later modules do about it (subscriptions end, grants are revoked), on one transaction. */
export type CustomerDeletionCascade = Cascading<{ customers: CustomerStore; outbox: EventSink }, CustomerRecord>;

/** A customer that got an external id (created with one, or set later) and what later modules do about it, on one transaction. */
export type CustomerIdentifiedCascade = CustomerDeletionCascade;

export type CustomersUnitOfWork = <T>(work: (tx: { customers: CustomerStore; outbox: EventSink }) => Promise<T>) => Promise<T>;

type CustomerEventType = "customer.created" | "customer.updated" | "customer.deleted";

export class CustomerService {
  private readonly unitOfWork: CustomersUnitOfWork;

  constructor(
    private readonly store: CustomerStore,
    private readonly clock: Clock = systemClock,
    unitOfWork?: CustomersUnitOfWork,
    private readonly deletion?: CustomerDeletionCascade,
    private readonly identified?: CustomerIdentifiedCascade,
  ) {
    this.unitOfWork = unitOfWork ?? ((work) => work({ customers: store, outbox: discardEvents }));
  }

  /** The unit of work, with the "got an external id" cascade when `identifies` (else a cascade that does nothing). */
  private withIdentified<T>(
    identifies: boolean,
    work: (
      tx: { customers: CustomerStore; outbox: EventSink },
      cascade: (customer: CustomerRecord, at: Date) => Promise<void>,
    ) => Promise<T>,
  ): Promise<T> {
    if (identifies && this.identified) return this.identified(work);
    return this.unitOfWork((tx) => work(tx, async () => {}));
  }

  /** customers-api.md §6.6: `data` is the customer as committed by this change, in the API's shape. */
  private async recordEvent(events: EventSink, type: CustomerEventType, customer: CustomerRecord, at: Date): Promise<void> {
    await events.record({ type, organizationId: customer.organizationId, occurredAt: at, data: customerResponse.serialize(customer) });
    // Every customer change is also a state change (state embeds the customer); coalesced per customer, computed when sent.
    await recordStateChanged(events, customer.organizationId, customer.id, at);
  }

  private now(organizationId: string): Date {
    return this.clock.now(organizationId);
  }

  list(context: AccessContext, params: ListParams): Promise<CustomerPage> {
    const requested = params.organizationIds;
    const organizationIds = requested ? context.organizationIds.filter((id) => requested.includes(id)) : context.organizationIds;
    return this.store.list({ ...params, organizationIds });
  }

  async get(context: AccessContext, id: string): Promise<CustomerRecord> {
    const customer = await this.store.findById(context.organizationIds, id);
    if (!customer) throw new ResourceNotFound();
    return customer;
  }

  async getByExternalId(context: AccessContext, externalId: string): Promise<CustomerRecord> {
    const found = await this.store.findByExternalId(context.organizationIds, externalId);
    if (found.length === 0) throw new ResourceNotFound();
    if (found.length > 1) {
      throw new Conflict(
        "Several of your organizations have a customer with this external ID; narrow the request with the Polar-Organization header.",
      );
    }
    return found[0];
  }

  async create(context: AccessContext, body: CustomerCreate): Promise<CustomerRecord> {
    const organizationId = targetOrganization(context, body.organization_id ?? null);
    assertCanManage(context, organizationId, "customers");
    const email = body.email ?? null;
    const externalId = body.external_id ?? null;
    // Uniqueness is not checked before the insert: the unique indexes decide it
    // anyway (a pre-check only answered earlier, at the cost of a query on every
    // create), and a violation is answered from a lookup after the fact.
    const billingAddress = body.billing_address ?? null;
    let taxId: [string, string] | null;
    try {
      taxId = body.tax_id == null ? null : this.validatedTaxId(body.tax_id, billingAddress?.country ?? null, body.tax_id);
    } catch (error) {
      // A taken email or external id is reported ahead of an invalid tax id.
      await this.assertUnique(organizationId, email, externalId);
      throw error;
    }
    const name = body.name ?? null;
    const now = this.now(organizationId);
    try {
      return await this.withIdentified(externalId !== null, async (tx, cascade) => {
        const created = await tx.customers.insert({
          id: randomUUID(),
          organizationId,
          createdAt: now,
          email,
          type: body.type ?? "individual",
          name,
          billingName: null,
          billingAddress,
          taxId,
          locale: body.locale ?? null,
          externalId,
          metadata: body.metadata ?? {},
        });
        await this.recordEvent(tx.outbox, "customer.created", created, now);
        await cascade(created, now);
        return created;
      });
    } catch (error) {
      if (error instanceof UniqueViolationError) await this.raiseLostRace(organizationId, email, externalId, undefined, error);
      throw error;
    }
  }

  /** Applies a PATCH; `body` lacks external_id/type on the external-id variant. */
  async update(context: AccessContext, customer: CustomerRecord, body: CustomerUpdate): Promise<CustomerRecord> {
    assertCanManage(context, customer.organizationId, "customers");
    const changes: CustomerChanges = {};
    const problems: Issue[] = [];

    // Values this PATCH would newly claim; both uniqueness questions go to the database at once.
    const claimedEmail = body.email != null && body.email.toLowerCase() !== customer.email?.toLowerCase() ? body.email : null;
    const sentExternalId = "external_id" in body ? (body.external_id ?? null) : customer.externalId;
    const claimedExternalId = customer.externalId === null ? sentExternalId : null;
    const taken =
      claimedEmail !== null || claimedExternalId !== null
        ? await this.store.findConflicts(customer.organizationId, {
            email: claimedEmail,
            externalId: claimedExternalId,
            excludeId: customer.id,
          })
        : { email: false, externalId: false };

    if (claimedEmail !== null) {
      if (taken.email) problems.push(emailTaken(claimedEmail));
      else Object.assign(changes, { email: claimedEmail, emailVerified: false });
    }
    if ("billing_address" in body && body.billing_address === null) {
      problems.push(issue("value_error", ["body", "billing_address"], "Customer billing address cannot be reset to null once set.", null));
    }
    if (sentExternalId !== customer.externalId) {
      if (customer.externalId !== null) {
        problems.push(issue("value_error", ["body", "external_id"], "Customer external ID cannot be updated.", sentExternalId));
      } else if (taken.externalId) {
        problems.push(externalIdTaken(sentExternalId as string));
      } else {
        changes.externalId = sentExternalId;
      }
    }
    if ("type" in body) {
      if (customer.type === "team" && body.type !== "team") {
        problems.push(
          issue("value_error", ["body", "type"], "Customer type cannot be downgraded from 'team' to 'individual'.", body.type ?? null),
        );
      } else if (body.type === "team" && customer.type !== "team") {
        changes.type = "team";
      }
    }
    if (problems.length > 0) fail(...problems);

    const newAddress = body.billing_address ?? null;
    if ("tax_id" in body) {
      changes.taxId =
        body.tax_id == null
          ? null
          : this.validatedTaxId(body.tax_id, (newAddress ?? customer.billingAddress)?.country ?? null, body.tax_id);
    } else if (newAddress !== null && customer.taxId !== null) {
      changes.taxId = this.validatedTaxId(customer.taxId[0], newAddress.country, customer.taxId[0]);
    }
    if ("name" in body) changes.name = body.name ?? null;
    if (newAddress !== null) changes.billingAddress = newAddress;
    if ("locale" in body) changes.locale = body.locale ?? null;
    if (body.metadata !== undefined) changes.metadata = body.metadata;

    const now = this.now(customer.organizationId);
    // Polar emits customer.updated even for a PATCH that changes nothing.
    if (Object.keys(changes).length === 0)
      return this.unitOfWork(async (tx) => {
        await this.recordEvent(tx.outbox, "customer.updated", customer, now);
        return customer;
      });
    changes.modifiedAt = now;
    try {
      return await this.withIdentified(customer.externalId === null && changes.externalId != null, async (tx, cascade) => {
        const updated = await tx.customers.update(customer.id, changes);
        if (!updated) throw new ResourceNotFound();
        await this.recordEvent(tx.outbox, "customer.updated", updated, now);
        await cascade(updated, now);
        return updated;
      });
    } catch (error) {
      if (error instanceof UniqueViolationError) {
        await this.raiseLostRace(customer.organizationId, changes.email ?? null, changes.externalId ?? null, customer.id, error);
      }
      throw error;
    }
  }

  /** With a deletion cascade wired, the customer's subscriptions and grants end in the same transaction. */
  async delete(context: AccessContext, customer: CustomerRecord, anonymize: boolean): Promise<void> {
    assertCanManage(context, customer.organizationId, "customers");
    const now = this.now(customer.organizationId);
    let changes = softDeleteChanges(customer, now);
    if (anonymize) changes = { ...changes, ...anonymizedChanges({ ...customer, ...changes }, now) };
    const remove = async (
      tx: { customers: CustomerStore; outbox: EventSink },
      cascade: (deleted: CustomerRecord, at: Date) => Promise<void>,
    ) => {
      const deleted = await tx.customers.update(customer.id, changes);
      if (!deleted) throw new ResourceNotFound();
      await cascade(deleted, now);
      await this.recordEvent(tx.outbox, "customer.deleted", deleted, now);
    };
    if (this.deletion) await this.deletion(remove);
    else await this.unitOfWork((tx) => remove(tx, async () => {}));
  }

  private async assertUnique(organizationId: string, email: string | null, externalId: string | null, excludeId?: string) {
    if (email === null && externalId === null) return;
    const taken = await this.store.findConflicts(organizationId, { email, externalId, excludeId });
    const problems: Issue[] = [];
    if (taken.email && email !== null) problems.push(emailTaken(email));
    if (taken.externalId && externalId !== null) problems.push(externalIdTaken(externalId));
    if (problems.length > 0) fail(...problems);
  }

  /** A concurrent request won the unique index; answer as if we had seen it in the pre-check. */
  private async raiseLostRace(
    organizationId: string,
    email: string | null,
    externalId: string | null,
    excludeId: string | undefined,
    error: UniqueViolationError,
  ) {
    await this.assertUnique(organizationId, email, externalId, excludeId);
    if (error.field === "email" && email !== null) fail(emailTaken(email));
    if (error.field === "external_id" && externalId !== null) fail(externalIdTaken(externalId));
  }

  private validatedTaxId(value: string, country: string | null, input: string): [string, string] {
    if (country === null) fail(issue("missing", ["body", "billing_address"], "Country is required to validate tax ID.", null));
    const result = validateTaxId(value, country as string);
    if (result === null) fail(issue("invalid", ["body", "tax_id"], "Invalid tax ID.", input));
    return result as [string, string];
  }
}

// The subscriptions rules of §4: free-only creation, tenancy, the PATCH
// variants with Polar's errors, revocation. Every write runs in one
// transaction with the subscription row locked, and re-syncs grants there.
import { randomUUID } from "node:crypto";
import type { AccessContext } from "../../platform/auth/principal.js";
import { assertCanManage, readableOrganizations } from "../../platform/auth/organization.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import {
  AlreadyCanceledSubscription,
  BadRequest,
  CannotPauseSubscription,
  InactiveSubscription,
  NoScheduledPause,
  NotASeatBasedSubscription,
  NotAUnitBasedSubscription,
  NotPausedSubscription,
  ResourceNotFound,
  ResourceUnavailable,
  ValidationFailed,
} from "../../platform/errors.js";
import { issue } from "../../platform/schema/issues.js";
import type { BenefitStore } from "../benefits/index.js";
import type { CustomerRecord, CustomerStore } from "../customers/index.js";
import type { GrantStore, MeterLedger } from "../grants/index.js";
import type { MeterRecord, MeterStore } from "../meters/index.js";
import { DEFAULT_CURRENCY, ProductService, type PriceRecord, type ProductRecord, type ProductStore } from "../products/index.js";
import {
  change,
  processPeriodEnd,
  revokeNow,
  subscriptionEvent,
  syncGrants,
  type SubscriptionTx,
  type SubscriptionUnit,
} from "./lifecycle.js";
import {
  isActive,
  isBillable,
  type SubscriptionChanges,
  type SubscriptionMeterRecord,
  type SubscriptionRecord,
  type SubscriptionStatus,
} from "./model.js";
import { periodEnd } from "./periods.js";
import type { SubscriptionCreate, SubscriptionUpdate } from "./requests.js";
import type { MeterUsage, SubscriptionView } from "./responses.js";
import type { ListSubscriptionsQuery } from "./store.js";
import type { SubscriptionStore } from "./store.js";
import { meterUsage, type UsageReader } from "./usage.js";

export interface SubscriptionsDeps {
  subscriptions: SubscriptionStore;
  /** `list` finds the customer a seed file's subscription names by email. */
  customers: Pick<CustomerStore, "findById" | "findByExternalId" | "findManyIncludingDeleted" | "list">;
  products: ProductStore;
  benefits: BenefitStore;
  meters: Pick<MeterStore, "findMany">;
  grants: GrantStore;
  clock?: Clock;
  transaction<T>(work: (tx: SubscriptionTx) => Promise<T>): Promise<T>;
  /** The meter ledger on a transaction's stores (method syntax: the composition passes its full store set). */
  meterLedgerFor?(tx: SubscriptionTx): MeterLedger;
  usage?: UsageReader;
}

export type SubscriptionListParams = Omit<ListSubscriptionsQuery, "organizationIds"> & { organizationIds?: string[]; active?: boolean };

const fail = (loc: (string | number)[], msg: string, input: unknown): never => {
  throw new ValidationFailed([issue("value_error", loc, msg, input)]);
};

const STATIC = new Set(["fixed", "custom", "seat_based"]);

/**
 * Polar's free rule: among the default-currency prices, the first static one
 * (or the first price when none is static) is a fixed price of 0. Custom and
 * metered-only products are never free.
 */
export function isFreeProduct(product: ProductRecord): boolean {
  const prices = product.prices.filter((p) => p.priceCurrency === DEFAULT_CURRENCY);
  const first = prices.find((p) => STATIC.has(p.amountType)) ?? prices[0];
  return first !== undefined && first.amountType === "fixed" && first.priceAmount === 0;
}

/** Amount, prices and meters a subscription takes from its product (in the subscription currency). */
function fromProduct(product: ProductRecord, currency: string, at: Date) {
  const prices = product.prices.filter((p) => p.priceCurrency === currency);
  const meters: SubscriptionMeterRecord[] = prices
    .filter((p) => p.amountType === "metered_unit" && p.meterId !== null)
    .map((p) => ({
      id: randomUUID(),
      createdAt: at,
      meterId: p.meterId!,
      priceId: p.id,
      unitAmount: p.unitAmount ?? "0",
      capAmount: p.capAmount,
    }));
  return {
    priceIds: prices.map((p) => p.id),
    amount: prices.reduce((sum, p) => sum + (p.amountType === "fixed" ? (p.priceAmount ?? 0) : 0), 0),
    meters,
  };
}

export class SubscriptionService {
  private readonly clock: Clock;
  private readonly productViews: ProductService;

  constructor(private readonly deps: SubscriptionsDeps) {
    this.clock = deps.clock ?? systemClock;
    this.productViews = new ProductService({ products: deps.products, meters: deps.meters, benefits: deps.benefits });
  }

  /** Runs `work` in a transaction with the ledger bound to it. */
  private inUnit<T>(work: (unit: SubscriptionUnit) => Promise<T>): Promise<T> {
    return this.deps.transaction((tx) => work({ ...tx, ledger: this.deps.meterLedgerFor?.(tx) }));
  }

  async views(subscriptions: readonly SubscriptionRecord[]): Promise<SubscriptionView[]> {
    if (subscriptions.length === 0) return [];
    const organizations = [...new Set(subscriptions.map((s) => s.organizationId))];
    const [customers, products, prices] = await Promise.all([
      this.deps.customers.findManyIncludingDeleted(subscriptions.map((s) => s.customerId)),
      Promise.all([...new Set(subscriptions.map((s) => s.productId))].map((id) => this.deps.products.findById(organizations, id))),
      this.deps.products.findPrices(subscriptions.flatMap((s) => s.priceIds)),
    ]);
    const productViews = await this.productViews.views(products.filter((p): p is ProductRecord => p !== undefined));
    const meterIds = [
      ...new Set([
        ...subscriptions.flatMap((s) => s.meters.map((m) => m.meterId)),
        ...prices.flatMap((p) => (p.meterId ? [p.meterId] : [])),
      ]),
    ];
    const meters = new Map<string, MeterRecord>((await this.deps.meters.findMany(organizations, meterIds)).map((m) => [m.id, m]));
    const customerById = new Map<string, CustomerRecord>(customers.map((c) => [c.id, c]));
    const productById = new Map(productViews.map((v) => [v.product.id, v]));
    const priceById = new Map<string, PriceRecord>(prices.map((p) => [p.id, p]));
    // Each customer's usage is read once for all its subscriptions on the page.
    const usageOf = new Map<SubscriptionRecord, MeterUsage[]>();
    const byCustomer = new Map<string, SubscriptionRecord[]>();
    for (const s of subscriptions) byCustomer.set(s.customerId, [...(byCustomer.get(s.customerId) ?? []), s]);
    await Promise.all(
      [...byCustomer].map(async ([customerId, own]) => {
        const usage = await meterUsage(this.deps.usage, own, customerById.get(customerId)!, meters);
        own.forEach((s, i) => usageOf.set(s, usage[i]));
      }),
    );
    return subscriptions.map((subscription) => {
      const customer = customerById.get(subscription.customerId)!;
      const product = productById.get(subscription.productId)!;
      return {
        subscription,
        customer,
        product,
        prices: subscription.priceIds.flatMap((id) => {
          const price = priceById.get(id);
          if (!price) return [];
          return [
            {
              price,
              recurringInterval: product.product.recurringInterval,
              meter: price.meterId ? (meters.get(price.meterId) ?? null) : null,
            },
          ];
        }),
        meters: usageOf.get(subscription)!,
      };
    });
  }

  async view(subscription: SubscriptionRecord): Promise<SubscriptionView> {
    return (await this.views([subscription]))[0];
  }

  async get(context: AccessContext, id: string): Promise<SubscriptionRecord> {
    const subscription = await this.deps.subscriptions.findById(context.organizationIds, id);
    if (!subscription) throw new ResourceNotFound();
    return subscription;
  }

  async list(context: AccessContext, params: SubscriptionListParams) {
    const { active, ...rest } = params;
    let statuses = rest.statuses;
    if (active !== undefined) {
      // Polar's deprecated filter: false means canceled or unpaid only.
      const set: SubscriptionStatus[] = active ? ["trialing", "active"] : ["canceled", "unpaid"];
      statuses = statuses ? statuses.filter((s) => set.includes(s)) : set;
    }
    const page = await this.deps.subscriptions.list({
      ...rest,
      statuses,
      organizationIds: readableOrganizations(context, params.organizationIds),
    });
    return { items: await this.views(page.items), totalCount: page.totalCount };
  }

  async create(context: AccessContext, body: SubscriptionCreate): Promise<SubscriptionRecord> {
    const product = await this.deps.products.findById(context.organizationIds, body.product_id);
    if (!product) return fail(["body", "product_id"], "Product does not exist.", body.product_id);
    if (product.recurringInterval === null || product.recurringIntervalCount === null)
      return fail(["body", "product_id"], "Product is not a recurring product.", body.product_id);
    if (!isFreeProduct(product))
      fail(
        ["body", "product_id"],
        "Product is not free. The customer should go through a checkout to create a paid subscription.",
        body.product_id,
      );
    assertCanManage(context, product.organizationId, "customers");
    const customer = await this.customerOf(product.organizationId, body);
    const now = this.clock.now(product.organizationId);
    const subscription: SubscriptionRecord = {
      id: randomUUID(),
      organizationId: product.organizationId,
      customerId: customer.id,
      productId: product.id,
      createdAt: now,
      modifiedAt: null,
      status: "active",
      currency: DEFAULT_CURRENCY,
      ...fromProduct(product, DEFAULT_CURRENCY, now),
      recurringInterval: product.recurringInterval,
      recurringIntervalCount: product.recurringIntervalCount,
      currentPeriodStart: now,
      currentPeriodEnd: periodEnd(now, product.recurringInterval, product.recurringIntervalCount),
      anchorDay: now.getUTCDate(),
      trialStart: null,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      startedAt: now,
      endsAt: null,
      endedAt: null,
      pastDueAt: null,
      customerCancellationReason: null,
      customerCancellationComment: null,
      metadata: body.metadata,
    };
    return this.inUnit(async (unit) => {
      const created = await unit.subscriptions.insert(subscription);
      for (const type of ["subscription.created", "subscription.active", "subscription.updated"] as const)
        await subscriptionEvent(unit, type, created, now);
      await syncGrants(unit, created, now);
      return created;
    });
  }

  private async customerOf(organizationId: string, body: SubscriptionCreate): Promise<CustomerRecord> {
    if (body.customer_id !== undefined) {
      const customer = await this.deps.customers.findById([organizationId], body.customer_id);
      return customer ?? fail(["body", "customer_id"], "Customer does not exist.", body.customer_id);
    }
    const [customer] = await this.deps.customers.findByExternalId([organizationId], body.external_customer_id!);
    return customer ?? fail(["body", "external_customer_id"], "Customer does not exist.", body.external_customer_id);
  }

  /** Locks the subscription for this transaction; 404 outside the caller's organizations; then the sales role. */
  private async locked(unit: SubscriptionUnit, context: AccessContext, id: string): Promise<SubscriptionRecord> {
    const subscription = await unit.subscriptions.lock(id);
    if (!subscription || !context.organizationIds.includes(subscription.organizationId)) throw new ResourceNotFound();
    assertCanManage(context, subscription.organizationId, "sales");
    return subscription;
  }

  /** DELETE: allowed while billable or paused and not ended. */
  revoke(
    context: AccessContext,
    id: string,
    reason?: { reason?: SubscriptionRecord["customerCancellationReason"]; comment?: string | null },
  ) {
    return this.inUnit(async (unit) => {
      const s = await this.locked(unit, context, id);
      if (!(isBillable(s) || s.status === "paused") || s.endedAt !== null) throw new AlreadyCanceledSubscription();
      return revokeNow(unit, s, this.clock.now(s.organizationId), reason);
    });
  }

  update(context: AccessContext, id: string, body: SubscriptionUpdate): Promise<SubscriptionRecord> {
    if (body.kind === "revoke")
      return this.revoke(context, id, { reason: body.customer_cancellation_reason, comment: body.customer_cancellation_comment });
    return this.inUnit(async (unit) => {
      const s = await this.locked(unit, context, id);
      const now = this.clock.now(s.organizationId);
      switch (body.kind) {
        case "cancel":
          return body.cancel_at_period_end ? this.cancel(unit, s, body, now) : this.uncancel(unit, s, now);
        case "base":
          return this.updateBase(unit, context, s, body, now);
        case "seats":
          throw new NotASeatBasedSubscription();
        case "units":
          throw new NotAUnitBasedSubscription();
        case "billing_period":
          return this.moveBillingPeriod(unit, s, body.current_billing_period_end, now);
        case "pause":
          // Pausing is not offered by this server (see README); nothing is ever scheduled to pause.
          throw body.pause_at_period_end ? new CannotPauseSubscription() : new NoScheduledPause();
        case "resume":
          throw new NotPausedSubscription();
        case "clear":
          return s;
      }
    });
  }

  private cancel(unit: SubscriptionUnit, s: SubscriptionRecord, body: Extract<SubscriptionUpdate, { kind: "cancel" }>, now: Date) {
    if (!isBillable(s) || s.endedAt !== null || s.cancelAtPeriodEnd || s.endsAt !== null) throw new AlreadyCanceledSubscription();
    const changes: SubscriptionChanges = { cancelAtPeriodEnd: true, canceledAt: now, endsAt: s.currentPeriodEnd };
    if (body.customer_cancellation_reason) changes.customerCancellationReason = body.customer_cancellation_reason;
    if (body.customer_cancellation_comment) changes.customerCancellationComment = body.customer_cancellation_comment;
    return change(unit, s, changes, now);
  }

  private uncancel(unit: SubscriptionUnit, s: SubscriptionRecord, now: Date) {
    if (s.endedAt !== null) throw new ResourceUnavailable();
    if (!s.cancelAtPeriodEnd || !isBillable(s)) throw new BadRequest();
    return change(
      unit,
      s,
      { cancelAtPeriodEnd: false, endsAt: null, canceledAt: null, customerCancellationReason: null, customerCancellationComment: null },
      now,
    );
  }

  private async moveBillingPeriod(unit: SubscriptionUnit, s: SubscriptionRecord, end: Date, now: Date) {
    if (s.status === "canceled" || s.status === "unpaid" || s.cancelAtPeriodEnd) throw new AlreadyCanceledSubscription();
    if (!isActive(s)) throw new InactiveSubscription(s.id);
    if (end.getTime() <= now.getTime()) {
      throw new ValidationFailed(
        [
          issue(
            "datetime_future",
            ["body", "SubscriptionUpdateBillingPeriod", "current_billing_period_end"],
            "Input should be in the future",
            end.toISOString(),
          ),
        ],
        "RequestValidationError",
      );
    }
    return change(unit, s, { currentPeriodEnd: end, anchorDay: end.getUTCDate() }, now);
  }

  private async updateBase(
    unit: SubscriptionUnit,
    context: AccessContext,
    current: SubscriptionRecord,
    body: Extract<SubscriptionUpdate, { kind: "base" }>,
    now: Date,
  ): Promise<SubscriptionRecord> {
    let s = current;
    if (body.product_id != null && body.product_id !== s.productId)
      s = await this.switchProduct(unit, context, s, body.product_id, body.proration_behavior ?? null, now);
    if (body.discount_id != null) {
      fail(["body", "discount_id"], "Discount does not exist, is not applicable to this product or is not redeemable.", body.discount_id);
    }
    if (body.trial_end != null) s = await this.moveTrialEnd(unit, s, body.trial_end, now);
    if (body.metadata !== undefined) s = await change(unit, s, { metadata: body.metadata }, now);
    return s;
  }

  /** Switches now (every proration behavior, next_period included: see README); grants follow the new product. */
  private async switchProduct(
    unit: SubscriptionUnit,
    context: AccessContext,
    s: SubscriptionRecord,
    productId: string,
    proration: string | null,
    now: Date,
  ) {
    if (s.status === "canceled" || s.status === "unpaid" || s.cancelAtPeriodEnd) throw new AlreadyCanceledSubscription();
    if (proration === "reset")
      fail(["body", "proration_behavior"], "The 'reset' proration behavior is not enabled for this organization.", proration);
    const loc = ["body", "product_id"];
    const product = await unit.products.findById(
      context.organizationIds.filter((id) => id === s.organizationId),
      productId,
    );
    if (!product) return fail(loc, "Product does not exist.", productId);
    if (product.isArchived) fail(loc, "Product is archived.", productId);
    if (product.recurringInterval === null || product.recurringIntervalCount === null)
      return fail(loc, "Product is not recurring.", productId);
    const prices = product.prices.filter((p) => p.priceCurrency === s.currency);
    if (prices.length === 0) fail(loc, "This product doesn't have a price for the subscription currency.", productId);
    if (prices.some((p) => p.amountType === "custom")) fail(loc, "Can't update to a product with custom prices.", productId);
    return change(
      unit,
      s,
      {
        productId: product.id,
        ...fromProduct(product, s.currency, now),
        recurringInterval: product.recurringInterval,
        recurringIntervalCount: product.recurringIntervalCount,
      },
      now,
    );
  }

  private async moveTrialEnd(unit: SubscriptionUnit, s: SubscriptionRecord, trialEnd: Date | "now", now: Date) {
    if (!isActive(s)) throw new InactiveSubscription(s.id);
    const loc = ["body", "trial_end"];
    if (trialEnd === "now") {
      if (s.status !== "trialing") return fail(loc, "The subscription is not currently trialing.", "now");
      // Ending the trial now renews at once: the paid period starts now.
      const ended = await change(unit, s, { trialEnd: now, currentPeriodEnd: now }, now);
      return processPeriodEnd(unit, ended);
    }
    if (s.status === "active" && trialEnd.getTime() <= s.currentPeriodEnd.getTime())
      return fail(loc, "Trial end must be after the current period end.", trialEnd.toISOString());
    return change(unit, s, { status: "trialing", trialEnd, currentPeriodEnd: trialEnd }, now);
  }
}

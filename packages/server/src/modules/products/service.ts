// The products rules: tenancy, the price-set rules, archiving, replacing
// prices (unlisted ones are archived) and benefits (only the organization's own).

import { randomUUID } from "node:crypto";
import type { AccessContext } from "../../platform/auth/principal.js";
import { assertCanManage, readableOrganizations, targetOrganization } from "../../platform/auth/organization.js";
import type { Cascading } from "../../platform/cascade.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import { ResourceNotFound, ValidationFailed } from "../../platform/errors.js";
import { issue, type Issue } from "../../platform/schema/issues.js";
import type { BenefitRecord, BenefitStore } from "../benefits/index.js";
import type { MeterRecord, MeterStore } from "../meters/index.js";
import type { NewPrice, ProductChanges, ProductRecord } from "./model.js";
import { draftFromCreate, draftFromExisting, priceProblems, type PriceDraft } from "./prices.js";
import type { PriceCreate, ProductCreate, ProductUpdate } from "./requests.js";
import { productResponse, type ProductView } from "./responses.js";
import { discardEvents, type EventSink } from "../../platform/events.js";
import type { ListProductsQuery, ProductStore } from "./store.js";

interface ProductReads {
  meters: Pick<MeterStore, "findMany">;
  benefits: Pick<BenefitStore, "findMany">;
}

/** A write and its product.created/updated event commit together (platform/events.ts). */
export type ProductsUnitOfWork = <T>(work: (tx: ProductReads & { products: ProductStore; outbox: EventSink }) => Promise<T>) => Promise<T>;

export interface ProductsDeps extends ProductReads {
  products: ProductStore;
  clock?: Clock;
  transaction?: ProductsUnitOfWork;
  /** Replacing benefits with what later modules do about it (grants re-synced), in one transaction. */
  benefitsChange?: Cascading<ProductReads & { products: ProductStore; outbox: EventSink }, ProductRecord>;
}

export type ProductListParams = Omit<ListProductsQuery, "organizationIds"> & { organizationIds?: string[] };

const MANAGE = "products";

const fail = (problems: Issue[]) => {
  if (problems.length > 0) throw new ValidationFailed(problems);
};

/** This server has no files or custom fields, so any referenced one does not exist. */
function attachmentProblems(body: { medias?: string[] | null; attached_custom_fields?: { custom_field_id?: string }[] | null }): Issue[] {
  return [
    ...(body.medias ?? []).map((id, i) => issue("value_error", ["body", "medias", i], "File does not exist or is not yet uploaded.", id)),
    ...(body.attached_custom_fields ?? []).map((field, i) =>
      issue("value_error", ["body", "attached_custom_fields", i], "Custom field does not exist.", field.custom_field_id),
    ),
  ];
}

function newPrice(productId: string, createdAt: Date, position: number, p: PriceCreate): NewPrice {
  return {
    id: randomUUID(),
    productId,
    createdAt,
    position,
    amountType: p.amount_type as NewPrice["amountType"],
    priceCurrency: p.price_currency,
    taxBehavior: p.tax_behavior,
    priceAmount: p.amount_type === "fixed" ? p.price_amount : null,
    minimumAmount: p.amount_type === "custom" ? p.minimum_amount : null,
    maximumAmount: p.amount_type === "custom" ? p.maximum_amount : null,
    presetAmount: p.amount_type === "custom" ? p.preset_amount : null,
    meterId: p.amount_type === "metered_unit" ? p.meter_id : null,
    unitAmount: p.amount_type === "metered_unit" ? p.unit_amount : null,
    capAmount: p.amount_type === "metered_unit" ? p.cap_amount : null,
  };
}

export class ProductService {
  private readonly clock: Clock;

  private readonly unitOfWork: ProductsUnitOfWork;

  constructor(private readonly deps: ProductsDeps) {
    this.clock = deps.clock ?? systemClock;
    this.unitOfWork = deps.transaction ?? ((work) => work({ ...deps, outbox: discardEvents }));
  }

  /** Runs a write and records its event with the product as committed (in the API's shape, benefits and meters included). */
  private async emitting(
    type: "product.created" | "product.updated",
    at: Date,
    write: (store: ProductStore) => Promise<ProductRecord | undefined>,
  ): Promise<ProductRecord> {
    return this.unitOfWork(async (tx) => {
      const product = await write(tx.products);
      if (!product) throw new ResourceNotFound();
      await this.recordUpdated(tx, product, at, type);
      return product;
    });
  }

  private async recordUpdated(
    tx: ProductReads & { outbox: EventSink },
    product: ProductRecord,
    at: Date,
    type: "product.created" | "product.updated" = "product.updated",
  ): Promise<void> {
    const [view] = await this.views([product], tx);
    await tx.outbox.record({ type, organizationId: product.organizationId, occurredAt: at, data: productResponse.serialize(view) });
  }

  private get store() {
    return this.deps.products;
  }

  /** Products with their benefits and the meters of their prices, two lookups for any number of products. */
  async views(products: readonly ProductRecord[], reads: ProductReads = this.deps): Promise<ProductView[]> {
    const organizations = [...new Set(products.map((p) => p.organizationId))];
    const benefitIds = products.flatMap((p) => p.benefitIds);
    const meterIds = products.flatMap((p) => p.prices.flatMap((price) => (price.meterId === null ? [] : [price.meterId])));
    const [benefits, meters] = await Promise.all([
      reads.benefits.findMany(organizations, benefitIds),
      reads.meters.findMany(organizations, meterIds),
    ]);
    const benefitById = new Map<string, BenefitRecord>(benefits.map((b) => [b.id, b]));
    const meterById = new Map<string, MeterRecord>(meters.map((m) => [m.id, m]));
    return products.map((product) => ({
      product,
      benefits: product.benefitIds.flatMap((id) => benefitById.get(id) ?? []),
      meters: meterById,
    }));
  }

  async view(product: ProductRecord): Promise<ProductView> {
    return (await this.views([product]))[0];
  }

  async list(context: AccessContext, params: ProductListParams) {
    const page = await this.store.list({ ...params, organizationIds: readableOrganizations(context, params.organizationIds) });
    return { items: await this.views(page.items), totalCount: page.totalCount };
  }

  /** A product of the caller's organizations (archived included), with prices and benefit ids. */
  async get(context: AccessContext, id: string): Promise<ProductRecord> {
    const product = await this.store.findById(context.organizationIds, id);
    if (!product) throw new ResourceNotFound();
    return product;
  }

  private async knownMeters(organizationId: string, drafts: readonly PriceDraft[]): Promise<Set<string>> {
    const ids = drafts.flatMap((d) => (d.meterId === null ? [] : [d.meterId]));
    const meters = await this.deps.meters.findMany([organizationId], ids);
    return new Set(meters.map((m) => m.id));
  }

  async create(context: AccessContext, body: ProductCreate): Promise<ProductRecord> {
    const organizationId = targetOrganization(context, body.organization_id ?? null);
    assertCanManage(context, organizationId, MANAGE);
    const recurring = body.recurring_interval !== null;
    const drafts = body.prices.map(draftFromCreate);
    const problems = [
      ...priceProblems(drafts, recurring, await this.knownMeters(organizationId, drafts), body.prices),
      ...attachmentProblems(body),
      ...(body.meter_interval != null
        ? [
            issue(
              "value_error",
              ["body", "meter_interval"],
              "Separate meter cycling is not enabled for this organization.",
              body.meter_interval,
            ),
          ]
        : []),
    ];
    fail(problems);
    const id = randomUUID();
    const now = this.clock.now(organizationId);
    return this.emitting("product.created", now, (store) =>
      store.insert(
        {
          id,
          organizationId,
          createdAt: now,
          name: body.name,
          description: body.description ?? null,
          visibility: body.visibility ?? "public",
          recurringInterval: body.recurring_interval,
          recurringIntervalCount: recurring ? (body.recurring_interval_count ?? 1) : null,
          trialInterval: recurring ? (body.trial_interval ?? null) : null,
          trialIntervalCount: recurring ? (body.trial_interval_count ?? null) : null,
          meterInterval: null,
          meterIntervalCount: null,
          metadata: body.metadata ?? {},
        },
        body.prices.map((p, i) => newPrice(id, now, i, p)),
      ),
    );
  }

  /**
   * Applies a PATCH. Explicit nulls for name, visibility, is_archived and
   * recurring_interval leave the product as it is (Polar writes them into NOT
   * NULL columns, or silently turns a recurring product into a one-time one).
   */
  async update(context: AccessContext, product: ProductRecord, body: ProductUpdate): Promise<ProductRecord> {
    assertCanManage(context, product.organizationId, MANAGE);
    const problems: Issue[] = [];
    const recurring = product.recurringInterval !== null;

    if (body.recurring_interval != null || body.recurring_interval_count != null) {
      const interval = body.recurring_interval ?? product.recurringInterval;
      const count = body.recurring_interval_count ?? product.recurringIntervalCount;
      if (interval !== product.recurringInterval || count !== product.recurringIntervalCount) {
        problems.push(
          issue("value_error", ["body", "recurring_interval"], "Recurring interval cannot be changed.", body.recurring_interval ?? null),
        );
      }
    }
    if (!recurring && (body.trial_interval != null || body.trial_interval_count != null)) {
      const msg = "Trial configuration is only supported on recurring products.";
      problems.push(
        issue("value_error", ["body", "trial_interval"], msg, body.trial_interval ?? null),
        issue("value_error", ["body", "trial_interval_count"], msg, body.trial_interval_count ?? null),
      );
    }
    problems.push(...attachmentProblems(body));

    let priceChanges: { archive: string[]; insert: NewPrice[] } | undefined;
    const now = this.clock.now(product.organizationId);
    if (body.prices != null) {
      const current = new Map(product.prices.map((p) => [p.id, p]));
      const kept = new Set<string>();
      const drafts: PriceDraft[] = [];
      const created: PriceCreate[] = [];
      body.prices.forEach((item, index) => {
        if ("id" in item) {
          const existing = current.get(item.id);
          if (!existing) problems.push(issue("value_error", ["body", "prices", index], "Price does not exist.", item));
          else {
            kept.add(existing.id);
            drafts.push(draftFromExisting(existing, index, item));
          }
        } else {
          drafts.push(draftFromCreate(item, index));
          created.push(item);
        }
      });
      problems.push(...priceProblems(drafts, recurring, await this.knownMeters(product.organizationId, drafts), body.prices));
      priceChanges = {
        archive: product.prices.filter((p) => !kept.has(p.id)).map((p) => p.id),
        insert: created.map((p, i) => newPrice(product.id, now, i, p)),
      };
    }
    fail(problems);

    const changes: ProductChanges = {};
    if (body.name != null) changes.name = body.name;
    if ("description" in body) changes.description = body.description ?? null;
    if (body.visibility != null) changes.visibility = body.visibility;
    if (body.is_archived != null) changes.isArchived = body.is_archived;
    if (body.metadata !== undefined) changes.metadata = body.metadata;
    if (recurring && "trial_interval" in body) changes.trialInterval = body.trial_interval ?? null;
    if (recurring && "trial_interval_count" in body) changes.trialIntervalCount = body.trial_interval_count ?? null;
    const pricesChange = priceChanges !== undefined && (priceChanges.archive.length > 0 || priceChanges.insert.length > 0);
    if (Object.keys(changes).length === 0 && !pricesChange) return product;
    changes.modifiedAt = now;
    return this.emitting("product.updated", now, (store) => store.update(product.id, changes, pricesChange ? priceChanges : undefined));
  }

  /** Replaces the product's benefits; each must be one the caller can read, in the product's organization. */
  async setBenefits(context: AccessContext, product: ProductRecord, benefitIds: readonly string[]): Promise<ProductRecord> {
    assertCanManage(context, product.organizationId, MANAGE);
    const readable = new Map((await this.deps.benefits.findMany(context.organizationIds, benefitIds)).map((b) => [b.id, b]));
    benefitIds.forEach((id, index) => {
      const benefit = readable.get(id);
      if (!benefit) fail([issue("value_error", ["body", "benefits", index], "Benefit does not exist.", id)]);
      else if (benefit.organizationId !== product.organizationId) {
        fail([issue("value_error", ["body", "benefits", index], "Benefit must be on the same organization as the product.", id)]);
      }
    });
    const ordered = [...new Set(benefitIds)];
    const at = this.clock.now(product.organizationId);
    const cascading = ordered.join() !== product.benefitIds.join() ? this.deps.benefitsChange : undefined;
    if (!cascading) return this.emitting("product.updated", at, (store) => store.setBenefits(product.id, ordered));
    return cascading(async (tx, cascade) => {
      const updated = await tx.products.setBenefits(product.id, ordered);
      if (!updated) throw new ResourceNotFound();
      await cascade(updated, at);
      await this.recordUpdated(tx, updated, at);
      return updated;
    });
  }
}

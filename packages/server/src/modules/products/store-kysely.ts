// The products store on Kysely, for both backends.
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import { likeContainsUnescaped } from "../../platform/storage/keys.js";
import { metadataMatches } from "../../platform/storage/json-filters.js";
import { atomically, type SqlContext } from "../../platform/storage/seam.js";
import { chunked } from "../../platform/storage/chunks.js";
import { translating } from "../../platform/storage/translate.js";
import { byDisplayOrder, type NewPrice, type NewProduct, type PriceRecord, type ProductChanges, type ProductRecord } from "./model.js";
import {
  PRICE_COLUMNS,
  PRODUCT_COLUMNS,
  priceFromRow,
  priceToRow,
  productChangesToRow,
  productFromRow,
  productToRow,
  type ProductRow,
} from "./rows.js";
import type { ListProductsQuery, PriceChanges, ProductPage, ProductStore, ProductSortField } from "./store.js";
import type { ProductTables } from "./tables.js";

type Db = Kysely<ProductTables>;

/** The earliest active price's column, for the price sorts. */
const firstPrice = (column: "amount_type" | "amount") => {
  const value = column === "amount_type" ? sql`pp.amount_type` : sql`coalesce(pp.price_amount, pp.minimum_amount, 0)`;
  return sql`(select ${value} from product_prices as pp where pp.product_id = products.id and pp.is_archived = ${sql.lit(false)} order by pp.created_at, pp.position limit 1)`;
};

const SORTS: Record<ProductSortField, () => ReturnType<typeof sql>> = {
  created_at: () => sql.ref("products.created_at"),
  name: () => sql.ref("products.name"),
  price_amount_type: () => firstPrice("amount_type"),
  price_amount: () => firstPrice("amount"),
};

export class KyselyProductStore implements ProductStore {
  private readonly db: Db;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Db;
  }
  /** Prices and benefit links first: they reference the products. */
  async deleteOrganizationData(organizationId: string): Promise<void> {
    await translating(this.context.dialect, async () => {
      const products = this.db.selectFrom("products").select("id").where("organization_id", "=", organizationId);
      await this.db.deleteFrom("product_benefits").where("product_id", "in", products).execute();
      await this.db.deleteFrom("product_prices").where("product_id", "in", products).execute();
      await this.db.deleteFrom("products").where("organization_id", "=", organizationId).execute();
    });
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  private live(db: Db = this.db) {
    return db.selectFrom("products").select(PRODUCT_COLUMNS).where("deleted_at", "is", null);
  }

  /** Attaches active prices and benefit ids to product rows, two queries for any number of products. */
  private async hydrate(db: Db, rows: ProductRow[]): Promise<ProductRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [priceRows, benefitRows] = await Promise.all([
      db
        .selectFrom("product_prices")
        .select(PRICE_COLUMNS)
        .where("product_id", "in", ids)
        .where("is_archived", "=", this.codec.bool(false))
        .execute(),
      db
        .selectFrom("product_benefits")
        .select(["product_id", "benefit_id", "position"])
        .where("product_id", "in", ids)
        .orderBy("position")
        .execute(),
    ]);
    const prices = new Map<string, PriceRecord[]>();
    for (const row of priceRows) {
      const price = priceFromRow(this.codec, row);
      (prices.get(price.productId) ?? prices.set(price.productId, []).get(price.productId)!).push(price);
    }
    const benefits = new Map<string, string[]>();
    for (const row of benefitRows)
      (benefits.get(row.product_id) ?? benefits.set(row.product_id, []).get(row.product_id)!).push(row.benefit_id);
    return rows.map((row) => productFromRow(this.codec, row, (prices.get(row.id) ?? []).sort(byDisplayOrder), benefits.get(row.id) ?? []));
  }

  private async insertPrices(db: Db, prices: readonly NewPrice[]): Promise<void> {
    for (const chunk of chunked(prices))
      await db
        .insertInto("product_prices")
        .values(chunk.map((p) => priceToRow(this.codec, p)))
        .execute();
  }

  private async reload(db: Db, id: string): Promise<ProductRecord | undefined> {
    const row = await this.live(db).where("id", "=", id).executeTakeFirst();
    return row && (await this.hydrate(db, [row]))[0];
  }

  insert(product: NewProduct, prices: readonly NewPrice[]): Promise<ProductRecord> {
    return this.run(() =>
      atomically(this.context, async (trx: Db) => {
        await trx.insertInto("products").values(productToRow(this.codec, product)).execute();
        await this.insertPrices(trx, prices);
        return (await this.reload(trx, product.id))!;
      }),
    );
  }

  findById(organizationIds: readonly string[], id: string): Promise<ProductRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const row = await this.live().where("id", "=", id).where("organization_id", "in", organizationIds).executeTakeFirst();
      return row && (await this.hydrate(this.db, [row]))[0];
    });
  }

  update(id: string, changes: ProductChanges, prices?: PriceChanges): Promise<ProductRecord | undefined> {
    const row = productChangesToRow(this.codec, changes);
    return this.run(() =>
      atomically(this.context, async (trx: Db) => {
        if (Object.keys(row).length > 0) {
          const updated = await trx
            .updateTable("products")
            .set(row)
            .where("id", "=", id)
            .where("deleted_at", "is", null)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) return undefined;
        }
        for (const chunk of chunked(prices?.archive ?? [])) {
          await trx
            .updateTable("product_prices")
            .set({ is_archived: this.codec.bool(true), modified_at: changes.modifiedAt ? this.codec.time(changes.modifiedAt) : null })
            .where("product_id", "=", id)
            .where("id", "in", chunk)
            .execute();
        }
        await this.insertPrices(trx, prices?.insert ?? []);
        return this.reload(trx, id);
      }),
    );
  }

  findPrices(ids: readonly string[]): Promise<PriceRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(async () => {
      const rows = await this.db
        .selectFrom("product_prices")
        .select(PRICE_COLUMNS)
        .where("id", "in", [...new Set(ids)])
        .execute();
      return rows.map((row) => priceFromRow(this.codec, row));
    });
  }

  setBenefits(id: string, benefitIds: readonly string[]): Promise<ProductRecord | undefined> {
    return this.run(() =>
      atomically(this.context, async (trx: Db) => {
        // A no-op write takes the product's row lock, so concurrent replacements apply one after the
        // other instead of colliding on the (product, benefit) primary key.
        const locked = await trx
          .updateTable("products")
          .set({ id: sql.ref("id") })
          .where("id", "=", id)
          .where("deleted_at", "is", null)
          .executeTakeFirst();
        if (Number(locked.numUpdatedRows) === 0) return undefined;
        await trx.deleteFrom("product_benefits").where("product_id", "=", id).execute();
        const rows = benefitIds.map((benefitId, position) => ({ product_id: id, benefit_id: benefitId, position }));
        for (const chunk of chunked(rows)) await trx.insertInto("product_benefits").values(chunk).execute();
        return this.reload(trx, id);
      }),
    );
  }

  detachBenefit(benefitId: string): Promise<void> {
    return this.run(async () => {
      await this.db.deleteFrom("product_benefits").where("benefit_id", "=", benefitId).execute();
    });
  }

  meterUsedByActiveProduct(meterId: string): Promise<boolean> {
    return this.run(async () => {
      const row = await this.db
        .selectFrom("product_prices")
        .innerJoin("products", "products.id", "product_prices.product_id")
        .select("product_prices.id")
        .where("product_prices.meter_id", "=", meterId)
        .where("product_prices.is_archived", "=", this.codec.bool(false))
        .where("products.is_archived", "=", this.codec.bool(false))
        .where("products.deleted_at", "is", null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  list(q: ListProductsQuery): Promise<ProductPage> {
    if (q.organizationIds.length === 0 || q.query?.includes("\u0000")) return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      let base: SelectQueryBuilder<ProductTables, "products", object> = this.db
        .selectFrom("products")
        .where("products.organization_id", "in", q.organizationIds)
        .where("products.deleted_at", "is", null);
      if (q.ids !== undefined) base = base.where("products.id", "in", q.ids);
      if (q.query !== undefined)
        base = base.where(sql<boolean>`products.name_key like ${likeContainsUnescaped(this.context.dialect.name, q.query)}`);
      if (q.isArchived !== undefined) base = base.where("products.is_archived", "=", this.codec.bool(q.isArchived));
      if (q.isRecurring !== undefined) base = base.where("products.recurring_interval", q.isRecurring ? "is not" : "is", null);
      if (q.visibility !== undefined) base = base.where("products.visibility", "in", q.visibility);
      if (q.benefitIds !== undefined) {
        const benefitIds = q.benefitIds;
        base = base.where((eb) =>
          eb.exists(
            eb
              .selectFrom("product_benefits")
              .select(sql.lit(1).as("one"))
              .whereRef("product_benefits.product_id", "=", "products.id")
              .where("product_benefits.benefit_id", "in", benefitIds),
          ),
        );
      }
      for (const condition of metadataMatches(this.context.dialect.name, "products.metadata", q.metadata)) base = base.where(condition);
      let page = base.select(PRODUCT_COLUMNS.map((c) => `products.${c}` as const));
      for (const key of q.sorting) page = page.orderBy(SORTS[key.field](), key.descending ? "desc" : "asc");
      page = page.orderBy("products.id", q.sorting[q.sorting.length - 1]?.descending ? "desc" : "asc");
      const [rows, total] = await Promise.all([
        page.limit(q.limit).offset(q.offset).execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: await this.hydrate(this.db, rows as ProductRow[]), totalCount: Number(total.total) };
    });
  }
}

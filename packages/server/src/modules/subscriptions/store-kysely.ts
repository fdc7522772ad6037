// The subscriptions store on Kysely, for both backends.
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { metadataMatches } from "../../platform/storage/json-filters.js";
import { PreparedQuery } from "../../platform/storage/prepared.js";
import { matchableTexts } from "../../platform/storage/texts.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import { ACTIVE_STATUSES, BILLABLE_STATUSES, type SubscriptionChanges, type SubscriptionRecord } from "./model.js";
import { SUBSCRIPTION_COLUMNS, changesToRow, subscriptionFromRow, subscriptionToRow, type SubscriptionRow } from "./rows.js";
import type { DueQuery, ListSubscriptionsQuery, SubscriptionPage, SubscriptionSortField, SubscriptionStore } from "./store.js";
import type { SubscriptionTables } from "./tables.js";

type Db = Kysely<SubscriptionTables>;

const COLUMNS = SUBSCRIPTION_COLUMNS.map((c) => `subscriptions.${c}` as const);

/** Polar's status order for sorting; a cancel-scheduled active subscription sorts after the others. */
const STATUS_RANK = sql`case subscriptions.status
  when 'incomplete' then 1 when 'incomplete_expired' then 2 when 'trialing' then 3
  when 'active' then (case when subscriptions.cancel_at_period_end = ${sql.lit(true)} then 5 else 4 end)
  when 'paused' then 6 when 'past_due' then 7 when 'canceled' then 8 when 'unpaid' then 9 else 10 end`;

/** The amount per month, so yearly and monthly plans compare. */
const MONTHLY_AMOUNT = sql`(cast(subscriptions.amount as real) * case subscriptions.recurring_interval
  when 'year' then 1.0 / 12 when 'week' then 4.0 when 'day' then 30.0 else 1.0 end / subscriptions.recurring_interval_count)`;

const SORTS: Record<SubscriptionSortField, { expression: Expression<unknown>; nullable: boolean }> = {
  customer: { expression: sql.ref("customers.email_key"), nullable: true },
  status: { expression: STATUS_RANK, nullable: false },
  started_at: { expression: sql.ref("subscriptions.started_at"), nullable: false },
  current_period_end: { expression: sql.ref("subscriptions.current_period_end"), nullable: false },
  ended_at: { expression: sql.ref("subscriptions.ended_at"), nullable: true },
  ends_at: { expression: sql.ref("subscriptions.ends_at"), nullable: true },
  amount: { expression: MONTHLY_AMOUNT, nullable: false },
  product: { expression: sql.ref("products.name"), nullable: false },
  // No discounts on this server: every subscription ties.
  discount: { expression: sql.lit(0), nullable: false },
};

export class KyselySubscriptionStore implements SubscriptionStore {
  private readonly db: Db;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Db;
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  private visible(db: Db = this.db) {
    return db.selectFrom("subscriptions").select(SUBSCRIPTION_COLUMNS).where("started_at", "is not", null);
  }

  private many(rows: SubscriptionRow[]): SubscriptionRecord[] {
    return rows.map((row) => subscriptionFromRow(this.codec, row));
  }

  async deleteOrganizationData(organizationId: string): Promise<void> {
    await this.run(async () => {
      const ofOrganization = this.db.selectFrom("subscriptions").select("id").where("organization_id", "=", organizationId);
      // Grants reference subscriptions; the grants module's own reset runs after this one.
      await sql`delete from benefit_grants where subscription_id in (${ofOrganization})`.execute(this.db);
      await this.db.deleteFrom("subscriptions").where("organization_id", "=", organizationId).execute();
    });
  }

  insert(subscription: SubscriptionRecord): Promise<SubscriptionRecord> {
    return this.run(async () => {
      const row = await this.db
        .insertInto("subscriptions")
        .values(subscriptionToRow(this.codec, subscription))
        .returning(SUBSCRIPTION_COLUMNS)
        .executeTakeFirstOrThrow();
      return subscriptionFromRow(this.codec, row);
    });
  }

  findById(organizationIds: readonly string[], id: string): Promise<SubscriptionRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const row = await this.visible().where("id", "=", id).executeTakeFirst();
      if (!row || !organizationIds.includes(row.organization_id!)) return undefined;
      return subscriptionFromRow(this.codec, row);
    });
  }

  lock(id: string): Promise<SubscriptionRecord | undefined> {
    return this.run(async () => {
      let query = this.visible().where("id", "=", id);
      // SQLite transactions take the write lock up front (BEGIN IMMEDIATE): nothing to lock per row.
      if (this.context.dialect.name === "postgres") query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && subscriptionFromRow(this.codec, row);
    });
  }

  update(id: string, changes: SubscriptionChanges): Promise<SubscriptionRecord> {
    return this.run(async () => {
      const row = await this.db
        .updateTable("subscriptions")
        .set(changesToRow(this.codec, changes))
        .where("id", "=", id)
        .returning(SUBSCRIPTION_COLUMNS)
        .executeTakeFirstOrThrow();
      return subscriptionFromRow(this.codec, row);
    });
  }

  private activeQuery?: PreparedQuery<SubscriptionRow, [string]>;

  /** The state's hot path: one prepared statement on the customer index. */
  activeOfCustomer(customerId: string): Promise<SubscriptionRecord[]> {
    this.activeQuery ??= new PreparedQuery(this.db, this.context.reader, 1, (id) =>
      this.visible()
        .where("customer_id", "=", id)
        .where("status", "in", ACTIVE_STATUSES)
        .where("deleted_at", "is", null)
        .orderBy("started_at")
        .orderBy("id"),
    );
    const query = this.activeQuery;
    return this.run(async () => this.many(await query.execute(customerId)));
  }

  unendedOfCustomer(customerId: string): Promise<SubscriptionRecord[]> {
    return this.run(async () =>
      this.many(
        await this.visible()
          .where("customer_id", "=", customerId)
          .where("ended_at", "is", null)
          .where("status", "in", [...BILLABLE_STATUSES, "paused"])
          .execute(),
      ),
    );
  }

  idsOfProduct(productId: string): Promise<string[]> {
    return this.run(async () => {
      const rows = await this.db
        .selectFrom("subscriptions")
        .select("id")
        .where("product_id", "=", productId)
        .where("started_at", "is not", null)
        .execute();
      return rows.map((r) => r.id);
    });
  }

  /** Billable subscriptions of live customers whose period ended by `q.upTo`, earliest first. */
  private dueQuery(q: DueQuery) {
    let query = this.db
      .selectFrom("subscriptions")
      .select(COLUMNS)
      .where("subscriptions.status", "in", BILLABLE_STATUSES)
      .where("subscriptions.current_period_end", "<=", this.codec.time(q.upTo))
      .where("subscriptions.started_at", "is not", null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("customers")
            .select("customers.id")
            .whereRef("customers.id", "=", "subscriptions.customer_id")
            .where("customers.deleted_at", "is", null),
        ),
      );
    if (q.organizationIds !== undefined) query = query.where("subscriptions.organization_id", "in", q.organizationIds);
    if (q.excludeOrganizationIds !== undefined && q.excludeOrganizationIds.length > 0)
      query = query.where("subscriptions.organization_id", "not in", q.excludeOrganizationIds);
    return query.orderBy("subscriptions.current_period_end").orderBy("subscriptions.id").limit(1);
  }

  anyDue(q: DueQuery): Promise<boolean> {
    if (q.organizationIds?.length === 0) return Promise.resolve(false);
    return this.run(async () => (await this.dueQuery(q).executeTakeFirst()) !== undefined);
  }

  claimNextDue(q: DueQuery): Promise<SubscriptionRecord | undefined> {
    if (q.organizationIds?.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      let query = this.dueQuery(q);
      if (this.context.dialect.name === "postgres") query = query.forUpdate().skipLocked();
      const row = await query.executeTakeFirst();
      return row && subscriptionFromRow(this.codec, row as SubscriptionRow);
    });
  }

  list(q: ListSubscriptionsQuery): Promise<SubscriptionPage> {
    // No stored external id contains U+0000 (PostgreSQL rejects it in a parameter): such values match nothing.
    const externalIds = matchableTexts(q.externalCustomerIds);
    const empty = [q.productIds, q.customerIds, externalIds, q.statuses, q.cancellationReasons].some((f) => f?.length === 0);
    // No discounts exist here, so a discount filter matches nothing.
    if (q.organizationIds.length === 0 || empty || q.discountIds !== undefined) return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      const time = (d: Date) => this.codec.time(d);
      let base = this.db
        .selectFrom("subscriptions")
        .innerJoin("customers", "customers.id", "subscriptions.customer_id")
        .innerJoin("products", "products.id", "subscriptions.product_id")
        .where("subscriptions.organization_id", "in", q.organizationIds)
        .where("subscriptions.started_at", "is not", null);
      if (q.productIds) base = base.where("subscriptions.product_id", "in", q.productIds);
      if (q.customerIds) base = base.where("subscriptions.customer_id", "in", q.customerIds);
      if (externalIds) base = base.where("customers.external_id", "in", externalIds);
      if (q.statuses) base = base.where("subscriptions.status", "in", q.statuses);
      if (q.cancellationReasons) base = base.where("subscriptions.customer_cancellation_reason", "in", q.cancellationReasons);
      if (q.cancelAtPeriodEnd !== undefined)
        base = base.where("subscriptions.cancel_at_period_end", "=", this.codec.bool(q.cancelAtPeriodEnd));
      if (q.canceledAtAfter) base = base.where("subscriptions.canceled_at", ">=", time(q.canceledAtAfter));
      if (q.canceledAtBefore) base = base.where("subscriptions.canceled_at", "<=", time(q.canceledAtBefore));
      if (q.startedAfter) base = base.where("subscriptions.started_at", ">", time(q.startedAfter));
      if (q.startedBefore) base = base.where("subscriptions.started_at", "<", time(q.startedBefore));
      for (const condition of metadataMatches(this.context.dialect.name, "subscriptions.metadata", q.metadata))
        base = base.where(condition as Expression<SqlBool>);
      let page = base.select(COLUMNS);
      for (const key of q.sorting) {
        const { expression, nullable } = SORTS[key.field];
        const direction = key.descending ? "desc" : "asc";
        // PostgreSQL's null placement (last ascending, first descending) on both backends.
        if (nullable) page = page.orderBy(sql`(${expression} is null)`, direction);
        page = page.orderBy(expression, direction);
      }
      page = page.orderBy("subscriptions.id", q.sorting[q.sorting.length - 1]?.descending ? "desc" : "asc");
      const [rows, total] = await Promise.all([
        page.limit(q.limit).offset(q.offset).execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: this.many(rows as SubscriptionRow[]), totalCount: Number(total.total) };
    });
  }
}

// The grants store on Kysely, for both backends.
import type { Kysely } from "kysely";
import { PreparedQuery } from "../../platform/storage/prepared.js";
import type { JsonValue } from "../../platform/storage/codec.js";
import type { BenefitType, Metadata } from "./deps.js";
import { matchableTexts } from "../../platform/storage/texts.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import type { GrantKey, GrantRecord } from "./model.js";
import { GRANT_COLUMNS, grantFromRow } from "./rows.js";
import type { GrantPage, GrantStore, ListGrantsQuery, StateGrant } from "./store.js";
import type { GrantTables } from "./tables.js";

/** The customers table, read for the external-id filter (owned by the customers module). */
interface CustomerRef {
  customers: { id: string; organization_id: string; external_id: string | null; deleted_at: unknown };
}

/** The benefits table, joined for customer state (owned by the benefits module). */
interface BenefitRef {
  benefits: { id: string; type: string; metadata: JsonValue };
}

type Db = Kysely<GrantTables & CustomerRef & BenefitRef>;

type StateRow = Parameters<typeof grantFromRow>[1] & { benefit_type: string; benefit_metadata: JsonValue };

export class KyselyGrantStore implements GrantStore {
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

  private rows() {
    return this.db.selectFrom("benefit_grants").select(GRANT_COLUMNS);
  }

  private many(rows: Parameters<typeof grantFromRow>[1][]): GrantRecord[] {
    return rows.map((row) => grantFromRow(this.codec, row));
  }

  async deleteOrganizationData(organizationId: string): Promise<void> {
    await this.run(() => this.db.deleteFrom("benefit_grants").where("organization_id", "=", organizationId).execute());
  }

  ensure(key: GrantKey, id: string, at: Date): Promise<GrantRecord> {
    return this.run(async () => {
      await this.db
        .insertInto("benefit_grants")
        .values({
          id,
          organization_id: key.organizationId,
          customer_id: key.customerId,
          benefit_id: key.benefitId,
          subscription_id: key.subscriptionId,
          created_at: this.codec.time(at),
          modified_at: null,
          granted_at: null,
          revoked_at: null,
          properties: this.codec.json({}),
        })
        .onConflict((oc) => oc.columns(["customer_id", "benefit_id", "subscription_id"]).doNothing())
        .execute();
      const row = await this.rows()
        .where("customer_id", "=", key.customerId)
        .where("benefit_id", "=", key.benefitId)
        .where("subscription_id", "=", key.subscriptionId)
        .executeTakeFirstOrThrow();
      return grantFromRow(this.codec, row);
    });
  }

  markGranted(id: string, at: Date, properties: Record<string, unknown>): Promise<GrantRecord | undefined> {
    return this.run(async () => {
      const row = await this.db
        .updateTable("benefit_grants")
        .set({
          granted_at: this.codec.time(at),
          revoked_at: null,
          modified_at: this.codec.time(at),
          properties: this.codec.json(properties),
        })
        .where("id", "=", id)
        .where("granted_at", "is", null)
        .returning(GRANT_COLUMNS)
        .executeTakeFirst();
      return row && grantFromRow(this.codec, row);
    });
  }

  markRevoked(id: string, at: Date): Promise<GrantRecord | undefined> {
    return this.run(async () => {
      const row = await this.db
        .updateTable("benefit_grants")
        .set({ granted_at: null, revoked_at: this.codec.time(at), modified_at: this.codec.time(at) })
        .where("id", "=", id)
        .where("granted_at", "is not", null)
        .returning(GRANT_COLUMNS)
        .executeTakeFirst();
      return row && grantFromRow(this.codec, row);
    });
  }

  async setProperties(id: string, at: Date, properties: Record<string, unknown>): Promise<void> {
    await this.run(() =>
      this.db
        .updateTable("benefit_grants")
        .set({ properties: this.codec.json(properties), modified_at: this.codec.time(at) })
        .where("id", "=", id)
        .execute(),
    );
  }

  findById(id: string): Promise<GrantRecord | undefined> {
    return this.run(async () => this.many(await this.rows().where("id", "=", id).execute())[0]);
  }

  grantedOfSubscription(subscriptionId: string): Promise<GrantRecord[]> {
    return this.run(async () =>
      this.many(await this.rows().where("subscription_id", "=", subscriptionId).where("granted_at", "is not", null).execute()),
    );
  }

  grantedOfBenefit(benefitId: string): Promise<GrantRecord[]> {
    return this.run(async () =>
      this.many(await this.rows().where("benefit_id", "=", benefitId).where("granted_at", "is not", null).execute()),
    );
  }

  private stateQuery?: PreparedQuery<StateRow, [string]>;

  stateOfCustomer(customerId: string): Promise<StateGrant[]> {
    const query = (this.stateQuery ??= new PreparedQuery(this.db, this.context.reader, 1, (id) =>
      this.db
        .selectFrom("benefit_grants")
        .innerJoin("benefits", "benefits.id", "benefit_grants.benefit_id")
        .select(GRANT_COLUMNS.map((c) => `benefit_grants.${c}` as const))
        .select(["benefits.type as benefit_type", "benefits.metadata as benefit_metadata"])
        .where("benefit_grants.customer_id", "=", id)
        .where("benefit_grants.granted_at", "is not", null)
        .orderBy("benefit_grants.created_at")
        .orderBy("benefit_grants.id"),
    ));
    return this.run(async () =>
      (await query.execute(customerId)).map((row) => ({
        grant: grantFromRow(this.codec, row),
        benefitType: row.benefit_type as BenefitType,
        benefitMetadata: this.codec.readJson(row.benefit_metadata) as Metadata,
      })),
    );
  }

  customerHoldsBenefit(customerId: string, benefitId: string): Promise<boolean> {
    return this.run(async () => {
      const row = await this.db
        .selectFrom("benefit_grants")
        .select("id")
        .where("customer_id", "=", customerId)
        .where("benefit_id", "=", benefitId)
        .where("granted_at", "is not", null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  list(q: ListGrantsQuery): Promise<GrantPage> {
    // No stored external id contains U+0000 (PostgreSQL rejects it in a parameter): such values match nothing.
    const externalIds = matchableTexts(q.externalCustomerIds);
    if (q.organizationIds.length === 0 || q.customerIds?.length === 0 || externalIds?.length === 0)
      return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      let base = this.db.selectFrom("benefit_grants").where("benefit_grants.organization_id", "in", q.organizationIds);
      if (q.benefitId !== undefined) base = base.where("benefit_grants.benefit_id", "=", q.benefitId);
      if (q.customerIds !== undefined) base = base.where("benefit_grants.customer_id", "in", q.customerIds);
      if (q.externalCustomerIds !== undefined) {
        const customers = this.db
          .selectFrom("customers")
          .select("customers.id")
          .where("customers.organization_id", "in", q.organizationIds)
          .where("customers.external_id", "in", externalIds!)
          .where("customers.deleted_at", "is", null);
        base = base.where("benefit_grants.customer_id", "in", customers);
      }
      if (q.isGranted !== undefined) base = base.where("benefit_grants.granted_at", q.isGranted ? "is not" : "is", null);
      let page = base.select(GRANT_COLUMNS.map((c) => `benefit_grants.${c}` as const));
      for (const key of q.sorting) {
        const column = `benefit_grants.${key.field}` as const;
        // Polar sorts nulls as PostgreSQL does: last ascending, first descending, on both backends.
        page = page
          .orderBy((eb) => eb(column, "is", null), key.descending ? "desc" : "asc")
          .orderBy(column, key.descending ? "desc" : "asc");
      }
      page = page.orderBy("benefit_grants.id", q.sorting[q.sorting.length - 1]?.descending ? "desc" : "asc");
      const [rows, total] = await Promise.all([
        page.limit(q.limit).offset(q.offset).execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: this.many(rows), totalCount: Number(total.total) };
    });
  }
}

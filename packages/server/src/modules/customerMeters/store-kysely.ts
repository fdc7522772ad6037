// The customer-meters store on Kysely, for both backends.
import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { inChunks } from "../../platform/storage/chunks.js";
import { readTimeOrNull } from "../../platform/storage/codec.js";
import { PreparedQuery } from "../../platform/storage/prepared.js";
import type { SortKey } from "../../platform/schema/list-query.js";
import { matchableTexts } from "../../platform/storage/texts.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import { METER_COLUMNS, meterFromRow, type MeterRecord, type MeterRow } from "../meters/index.js";
import type { CustomerMeterRecord } from "./model.js";
import type { CustomerMeterFilter, CustomerMeterStore, ListedCustomerMeter, StoredSortField } from "./store.js";
import type { CustomerMeterTables } from "./tables.js";

const COLUMNS = [
  "customer_meters.id",
  "customer_meters.organization_id",
  "customer_meters.customer_id",
  "customer_meters.meter_id",
  "customer_meters.created_at",
  "customer_meters.modified_at",
] as const;

/** Nullable sort columns order as on PostgreSQL (Polar's database): nulls last ascending, first descending, on both backends. */
const SORT_COLUMNS: Record<StoredSortField, { column: string; nullable: boolean }> = {
  created_at: { column: "customer_meters.created_at", nullable: false },
  modified_at: { column: "customer_meters.modified_at", nullable: true },
  customer_id: { column: "customer_meters.customer_id", nullable: false },
  customer_name: { column: "customers.name", nullable: true },
  meter_id: { column: "customer_meters.meter_id", nullable: false },
  meter_name: { column: "meters.name", nullable: false },
};

interface CustomerMeterRow {
  id: string;
  organization_id: string;
  customer_id: string;
  meter_id: string;
  created_at: unknown;
  modified_at: unknown;
}

export class KyselyCustomerMeterStore implements CustomerMeterStore {
  private readonly db: Kysely<CustomerMeterTables>;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<CustomerMeterTables>;
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  private fromRow(row: CustomerMeterRow): CustomerMeterRecord {
    return {
      id: row.id,
      organizationId: row.organization_id,
      customerId: row.customer_id,
      meterId: row.meter_id,
      createdAt: this.codec.readTime(row.created_at),
      modifiedAt: readTimeOrNull(this.codec, row.modified_at),
    };
  }

  async deleteOrganizationData(organizationId: string): Promise<void> {
    await this.run(() => this.db.deleteFrom("customer_meters").where("organization_id", "=", organizationId).execute());
  }

  async ensure(row: { organizationId: string; customerId: string; meterIds: readonly string[]; createdAt: Date }): Promise<void> {
    if (row.meterIds.length === 0) return;
    await this.run(() =>
      inChunks([...row.meterIds], (chunk) =>
        this.db
          .insertInto("customer_meters")
          .values(
            chunk.map((meterId) => ({
              id: randomUUID(),
              organization_id: row.organizationId,
              customer_id: row.customerId,
              meter_id: meterId,
              created_at: this.codec.time(row.createdAt),
              modified_at: null,
            })),
          )
          .onConflict((oc) => oc.columns(["customer_id", "meter_id"]).doNothing())
          .execute(),
      ),
    );
  }

  async touch(customerId: string, meterIds: readonly string[], at: Date): Promise<void> {
    if (meterIds.length === 0) return;
    await this.run(() =>
      inChunks([...meterIds], (chunk) =>
        this.db
          .updateTable("customer_meters")
          .set({ modified_at: this.codec.time(at) })
          .where("customer_id", "=", customerId)
          .where("meter_id", "in", chunk)
          .execute(),
      ),
    );
  }

  findById(organizationIds: readonly string[], id: string): Promise<CustomerMeterRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const row = await this.db
        .selectFrom("customer_meters")
        .innerJoin("customers", "customers.id", "customer_meters.customer_id")
        .select(COLUMNS)
        .where("customer_meters.id", "=", id)
        .where("customers.deleted_at", "is", null)
        .executeTakeFirst();
      return row && organizationIds.includes(row.organization_id) ? this.fromRow(row) : undefined;
    });
  }

  private forCustomerQuery?: PreparedQuery<CustomerMeterRow, [string]>;

  /** Customer state's path: a prepared statement on the (customer_id, created_at, id) index. */
  forCustomer(customerId: string): Promise<CustomerMeterRecord[]> {
    const query = (this.forCustomerQuery ??= new PreparedQuery(this.db, this.context.reader, 1, (id) =>
      this.db.selectFrom("customer_meters").select(COLUMNS).where("customer_id", "=", id).orderBy("created_at").orderBy("id"),
    ));
    return this.run(async () => (await query.execute(customerId)).map((row) => this.fromRow(row)));
  }

  private withMetersQuery?: PreparedQuery<CustomerMeterRow & Record<string, unknown>, [string]>;

  forCustomerWithMeters(customerId: string): Promise<{ row: CustomerMeterRecord; meter: MeterRecord | null }[]> {
    const query = (this.withMetersQuery ??= new PreparedQuery(this.db, this.context.reader, 1, (id) =>
      this.db
        .selectFrom("customer_meters")
        .leftJoin("meters", "meters.id", "customer_meters.meter_id")
        .select(COLUMNS)
        .select(METER_COLUMNS.map((c) => `meters.${c} as meter_${c}` as const))
        .where("customer_meters.customer_id", "=", id)
        .orderBy("customer_meters.created_at")
        .orderBy("customer_meters.id"),
    ));
    return this.run(async () =>
      (await query.execute(customerId)).map((joined) => {
        const meter = Object.fromEntries(METER_COLUMNS.map((c) => [c, joined[`meter_${c}`]])) as unknown as MeterRow;
        return { row: this.fromRow(joined), meter: meter.id == null ? null : meterFromRow(this.codec, meter) };
      }),
    );
  }

  list(
    filter: CustomerMeterFilter,
    sorting: readonly SortKey<StoredSortField>[],
    page?: { limit: number; offset: number },
  ): Promise<{ items: ListedCustomerMeter[]; totalCount: number }> {
    const empty = (values?: readonly string[]) => values !== undefined && values.length === 0;
    const externalIds = matchableTexts(filter.externalCustomerIds);
    if (filter.organizationIds.length === 0 || empty(filter.customerIds) || empty(externalIds) || empty(filter.meterIds))
      return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      let base = this.db
        .selectFrom("customer_meters")
        .innerJoin("customers", "customers.id", "customer_meters.customer_id")
        .innerJoin("meters", "meters.id", "customer_meters.meter_id")
        .where("customer_meters.organization_id", "in", filter.organizationIds)
        .where("customers.deleted_at", "is", null);
      if (filter.customerIds) base = base.where("customer_meters.customer_id", "in", filter.customerIds);
      if (externalIds) base = base.where("customers.external_id", "in", externalIds);
      if (filter.meterIds) base = base.where("customer_meters.meter_id", "in", filter.meterIds);
      else base = base.where("meters.archived_at", "is", null);
      let rows = base.select([
        ...COLUMNS,
        "customers.name as customer_name",
        "customers.external_id as customer_external_id",
        "meters.name as meter_name",
      ]);
      for (const key of sorting) {
        const { column, nullable } = SORT_COLUMNS[key.field];
        const direction = key.descending ? "desc" : "asc";
        if (nullable) rows = rows.orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`, direction);
        rows = rows.orderBy(sql.ref(column), direction);
      }
      rows = rows.orderBy("customer_meters.id", sorting[sorting.length - 1]?.descending ? "desc" : "asc");
      const [found, total] = await Promise.all([
        page ? rows.limit(page.limit).offset(page.offset).execute() : rows.execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return {
        items: found.map((row) => ({
          ...this.fromRow(row),
          customerName: row.customer_name,
          customerExternalId: row.customer_external_id,
          meterName: row.meter_name,
        })),
        totalCount: Number(total.total),
      };
    });
  }
}

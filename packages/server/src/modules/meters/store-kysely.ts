// The meters store on Kysely, for both backends.
import { sql, type Kysely } from "kysely";
import { likeContainsUnescaped } from "../../platform/storage/keys.js";
import { metadataMatches } from "../../platform/storage/json-filters.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { inChunks } from "../../platform/storage/chunks.js";
import { PreparedQuery } from "../../platform/storage/prepared.js";
import { translating } from "../../platform/storage/translate.js";
import type { MeterChanges, MeterRecord, NewMeter } from "./model.js";
import { METER_COLUMNS, meterChangesToRow, meterFromRow, meterToRow, type MeterRow } from "./rows.js";
import type { ListMetersQuery, MeterPage, MeterStore } from "./store.js";
import type { MeterTables } from "./tables.js";

/** Beyond this many ids a lookup is one-off SQL (chunked), so the prepared shapes stay few. */
const MAX_PREPARED_IDS = 16;

export class KyselyMeterStore implements MeterStore {
  private readonly db: Kysely<MeterTables>;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<MeterTables>;
  }
  async deleteOrganizationData(organizationId: string): Promise<void> {
    await translating(this.context.dialect, () => this.db.deleteFrom("meters").where("organization_id", "=", organizationId).execute());
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  insert(meter: NewMeter): Promise<MeterRecord> {
    return this.run(async () => {
      const row = await this.db
        .insertInto("meters")
        .values(meterToRow(this.codec, meter))
        .returning(METER_COLUMNS)
        .executeTakeFirstOrThrow();
      return meterFromRow(this.codec, row);
    });
  }

  findById(organizationIds: readonly string[], id: string): Promise<MeterRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const row = await this.db
        .selectFrom("meters")
        .select(METER_COLUMNS)
        .where("id", "=", id)
        .where("organization_id", "in", organizationIds)
        .executeTakeFirst();
      return row && meterFromRow(this.codec, row);
    });
  }

  /** Usage reads look a customer's few meters up by id: prepared per number of ids, tenancy checked on the rows. */
  private readonly byIdsQueries = new Map<number, PreparedQuery<MeterRow, string[]>>();

  private byIds(count: number): PreparedQuery<MeterRow, string[]> {
    let query = this.byIdsQueries.get(count);
    if (query === undefined) {
      query = new PreparedQuery(this.db, this.context.reader, count, (...ids) =>
        this.db.selectFrom("meters").select(METER_COLUMNS).where("id", "in", ids),
      );
      this.byIdsQueries.set(count, query);
    }
    return query;
  }

  findMany(organizationIds: readonly string[], ids: readonly string[]): Promise<MeterRecord[]> {
    if (ids.length === 0 || organizationIds.length === 0) return Promise.resolve([]);
    const unique = [...new Set(ids)];
    return this.run(async () => {
      const rows =
        unique.length <= MAX_PREPARED_IDS
          ? (await this.byIds(unique.length).execute(...unique)).filter((row) => organizationIds.includes(row.organization_id))
          : await inChunks(unique, (chunk) =>
              this.db
                .selectFrom("meters")
                .select(METER_COLUMNS)
                .where("organization_id", "in", organizationIds)
                .where("id", "in", chunk)
                .execute(),
            );
      return rows.map((row) => meterFromRow(this.codec, row));
    });
  }

  update(id: string, changes: MeterChanges): Promise<MeterRecord | undefined> {
    const row = meterChangesToRow(this.codec, changes);
    return this.run(async () => {
      const updated =
        Object.keys(row).length === 0
          ? await this.db.selectFrom("meters").select(METER_COLUMNS).where("id", "=", id).executeTakeFirst()
          : await this.db.updateTable("meters").set(row).where("id", "=", id).returning(METER_COLUMNS).executeTakeFirst();
      return updated && meterFromRow(this.codec, updated);
    });
  }

  list(q: ListMetersQuery): Promise<MeterPage> {
    if (q.organizationIds.length === 0 || q.query?.includes("\u0000")) return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      let base = this.db.selectFrom("meters").where("organization_id", "in", q.organizationIds);
      if (q.query !== undefined)
        base = base.where(sql<boolean>`name_key like ${likeContainsUnescaped(this.context.dialect.name, q.query)}`);
      if (q.isArchived !== undefined) base = base.where("archived_at", q.isArchived ? "is not" : "is", null);
      for (const condition of metadataMatches(this.context.dialect.name, "meters.metadata", q.metadata)) base = base.where(condition);
      let page = base.select(METER_COLUMNS);
      for (const key of q.sorting) page = page.orderBy(key.field, key.descending ? "desc" : "asc");
      page = page.orderBy("id", q.sorting[q.sorting.length - 1]?.descending ? "desc" : "asc");
      const [rows, total] = await Promise.all([
        page.limit(q.limit).offset(q.offset).execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => meterFromRow(this.codec, row)), totalCount: Number(total.total) };
    });
  }
}

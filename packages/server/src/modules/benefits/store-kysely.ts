// The benefits store on Kysely, for both backends.
import { sql, type Kysely } from "kysely";
import { likeContainsUnescaped } from "../../platform/storage/keys.js";
import { metadataMatches } from "../../platform/storage/json-filters.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { inChunks } from "../../platform/storage/chunks.js";
import { translating } from "../../platform/storage/translate.js";
import type { BenefitChanges, BenefitRecord, NewBenefit } from "./model.js";
import { BENEFIT_COLUMNS, benefitChangesToRow, benefitFromRow, benefitToRow } from "./rows.js";
import type { BenefitPage, BenefitStore, ListBenefitsQuery } from "./store.js";
import type { BenefitTables } from "./tables.js";

const SORT_COLUMNS = { created_at: "created_at", description: "description", type: "type" } as const;

export class KyselyBenefitStore implements BenefitStore {
  private readonly db: Kysely<BenefitTables>;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<BenefitTables>;
  }
  async deleteOrganizationData(organizationId: string): Promise<void> {
    await translating(this.context.dialect, () => this.db.deleteFrom("benefits").where("organization_id", "=", organizationId).execute());
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  private live() {
    return this.db.selectFrom("benefits").select(BENEFIT_COLUMNS).where("deleted_at", "is", null);
  }

  insert(benefit: NewBenefit): Promise<BenefitRecord> {
    return this.run(async () => {
      const row = await this.db
        .insertInto("benefits")
        .values(benefitToRow(this.codec, benefit))
        .returning(BENEFIT_COLUMNS)
        .executeTakeFirstOrThrow();
      return benefitFromRow(this.codec, row);
    });
  }

  findById(organizationIds: readonly string[], id: string): Promise<BenefitRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const row = await this.live().where("id", "=", id).where("organization_id", "in", organizationIds).executeTakeFirst();
      return row && benefitFromRow(this.codec, row);
    });
  }

  findMany(organizationIds: readonly string[], ids: readonly string[]): Promise<BenefitRecord[]> {
    if (organizationIds.length === 0 || ids.length === 0) return Promise.resolve([]);
    return this.run(async () => {
      const rows = await inChunks([...new Set(ids)], (chunk) =>
        this.live().where("id", "in", chunk).where("organization_id", "in", organizationIds).execute(),
      );
      return rows.map((row) => benefitFromRow(this.codec, row));
    });
  }

  findManyIncludingDeleted(ids: readonly string[]): Promise<BenefitRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(async () => {
      const rows = await inChunks([...new Set(ids)], (chunk) =>
        this.db.selectFrom("benefits").select(BENEFIT_COLUMNS).where("id", "in", chunk).execute(),
      );
      return rows.map((row) => benefitFromRow(this.codec, row));
    });
  }

  update(current: BenefitRecord, changes: BenefitChanges): Promise<BenefitRecord | undefined> {
    const row = benefitChangesToRow(this.codec, current.type, changes);
    return this.run(async () => {
      const updated =
        Object.keys(row).length === 0
          ? await this.live().where("id", "=", current.id).executeTakeFirst()
          : await this.db
              .updateTable("benefits")
              .set(row)
              .where("id", "=", current.id)
              .where("deleted_at", "is", null)
              .returning(BENEFIT_COLUMNS)
              .executeTakeFirst();
      return updated && benefitFromRow(this.codec, updated);
    });
  }

  meterUsedByActiveBenefit(meterId: string): Promise<boolean> {
    return this.run(async () => {
      const row = await this.db
        .selectFrom("benefits")
        .select("id")
        .where("meter_id", "=", meterId)
        .where("deleted_at", "is", null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  list(q: ListBenefitsQuery): Promise<BenefitPage> {
    if (q.organizationIds.length === 0 || q.query?.includes("\u0000") || q.ids?.length === 0)
      return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      let base = this.db.selectFrom("benefits").where("organization_id", "in", q.organizationIds).where("deleted_at", "is", null);
      if (q.types !== undefined) base = base.where("type", "in", q.types);
      if (q.ids !== undefined) base = base.where("id", "in", q.ids);
      if (q.excludeIds !== undefined) base = base.where("id", "not in", q.excludeIds);
      if (q.query !== undefined)
        base = base.where(sql<boolean>`description_key like ${likeContainsUnescaped(this.context.dialect.name, q.query)}`);
      for (const condition of metadataMatches(this.context.dialect.name, "benefits.metadata", q.metadata)) base = base.where(condition);
      let page = base.select(BENEFIT_COLUMNS);
      for (const key of q.sorting) {
        const direction = key.descending ? "desc" : "asc";
        if (key.field !== "user_order") page = page.orderBy(SORT_COLUMNS[key.field], direction);
        else if (q.ids !== undefined) {
          // The position of the benefit in the `id` filter; without one, creation order.
          const position = sql`case ${sql.join(
            q.ids.map((id, i) => sql`when id = ${id} then ${sql.lit(i)}`),
            sql` `,
          )} end`;
          page = page.orderBy(position, direction);
        } else page = page.orderBy("created_at", direction);
      }
      page = page.orderBy("id", q.sorting[q.sorting.length - 1]?.descending ? "desc" : "asc");
      const [rows, total] = await Promise.all([
        page.limit(q.limit).offset(q.offset).execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => benefitFromRow(this.codec, row)), totalCount: Number(total.total) };
    });
  }
}

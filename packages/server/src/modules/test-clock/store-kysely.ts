// The test clock store on Kysely, for both backends.
import { sql, type Kysely } from "kysely";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import type { TestClockStore } from "./store.js";

interface TestClockTables {
  test_clocks: { organization_id: string; offset_ms: number | string; updated_at: unknown };
}

export class KyselyTestClockStore implements TestClockStore {
  private readonly db: Kysely<TestClockTables>;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<TestClockTables>;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  offsets(): Promise<Map<string, number>> {
    return this.run(async () => {
      const rows = await this.db.selectFrom("test_clocks").select(["organization_id", "offset_ms"]).execute();
      // PostgreSQL returns bigint as a string.
      return new Map(rows.map((r) => [r.organization_id, Number(r.offset_ms)]));
    });
  }

  advance(organizationId: string, offsetMs: number, at: Date): Promise<number> {
    return this.run(async () => {
      const row = await this.db
        .insertInto("test_clocks")
        .values({ organization_id: organizationId, offset_ms: Math.round(offsetMs), updated_at: this.context.dialect.codec.time(at) })
        .onConflict((oc) =>
          oc.column("organization_id").doUpdateSet({
            offset_ms: sql`case when excluded.offset_ms > test_clocks.offset_ms then excluded.offset_ms else test_clocks.offset_ms end`,
            // Kept with the offset it belongs to: together they give the time the clock was set to.
            updated_at: sql`case when excluded.offset_ms > test_clocks.offset_ms then excluded.updated_at else test_clocks.updated_at end`,
          }),
        )
        .returning("offset_ms")
        .executeTakeFirstOrThrow();
      return Number(row.offset_ms);
    });
  }

  lastTarget(organizationId: string): Promise<Date | null> {
    return this.run(async () => {
      const row = await this.db
        .selectFrom("test_clocks")
        .select(["offset_ms", "updated_at"])
        .where("organization_id", "=", organizationId)
        .executeTakeFirst();
      if (!row) return null;
      const setAt = this.context.dialect.codec.readTime(row.updated_at as never);
      return new Date(setAt.getTime() + Number(row.offset_ms));
    });
  }

  async deleteOrganizationData(organizationId: string): Promise<void> {
    await this.run(() => this.db.deleteFrom("test_clocks").where("organization_id", "=", organizationId).execute());
  }
}

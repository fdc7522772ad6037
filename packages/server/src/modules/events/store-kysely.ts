// The events store on Kysely, for both backends.
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import { chunked } from "../../platform/storage/chunks.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import type { EventRecord } from "./model.js";
import { EVENT_COLUMNS, eventFromRow, eventToRow, type EventRow } from "./rows.js";
import type { EventStore, UsageWindow } from "./store.js";
import type { EventTables } from "./tables.js";

const DEFAULT_PAGE = 1000;

export class KyselyEventStore implements EventStore {
  private readonly db: Kysely<EventTables>;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<EventTables>;
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  /** Write order: SQLite's rowid, PostgreSQL's seq (both grow with every insert). */
  private get writeOrder() {
    return sql.raw(this.context.dialect.name === "sqlite" ? "rowid" : "seq");
  }

  async deleteOrganizationData(organizationId: string): Promise<void> {
    await this.run(() => this.db.deleteFrom("events").where("organization_id", "=", organizationId).execute());
  }

  insertMany(events: readonly EventRecord[]): Promise<string[]> {
    if (events.length === 0) return Promise.resolve([]);
    return this.run(async () => {
      const ids: string[] = [];
      for (const chunk of chunked(events.map((e) => eventToRow(this.codec, e)))) {
        const rows = await this.db
          .insertInto("events")
          .values(chunk)
          .onConflict((oc) => oc.columns(["organization_id", "external_id"]).doNothing())
          .returning("id")
          .execute();
        ids.push(...rows.map((r) => r.id));
      }
      return ids;
    });
  }

  forEachUserEvent(window: UsageWindow, visit: (events: EventRecord[]) => void, pageSize = DEFAULT_PAGE): Promise<void> {
    return this.run(async () => {
      // Two index range scans (by customer id, by external id) rather than one OR the planner may not split.
      const scans: SelectQueryBuilder<EventTables, "events", EventRow>[] = [
        this.db.selectFrom("events").select(EVENT_COLUMNS).where("customer_id", "=", window.customerId),
      ];
      if (window.externalCustomerId !== null)
        scans.push(
          this.db
            .selectFrom("events")
            .select(EVENT_COLUMNS)
            .where("organization_id", "=", window.organizationId)
            .where("external_customer_id", "=", window.externalCustomerId),
        );
      for (const scan of scans) {
        let after: { at: unknown; id: string } | undefined;
        for (;;) {
          let page = scan.where("source", "=", "user");
          if (window.since !== null) page = page.where("ingested_at", ">=", this.codec.time(window.since));
          if (after !== undefined) {
            const { at, id } = after;
            page = page.where((eb) =>
              eb.or([eb("ingested_at", ">", at as never), eb.and([eb("ingested_at", "=", at as never), eb("id", ">", id)])]),
            );
          }
          const rows = await page.orderBy("ingested_at").orderBy("id").limit(pageSize).execute();
          if (rows.length > 0) visit(rows.map((row) => eventFromRow(this.codec, row)));
          if (rows.length < pageSize) break;
          const last = rows[rows.length - 1];
          after = { at: last.ingested_at, id: last.id };
        }
      }
    });
  }

  systemEvents(query: { customerId: string; meterId: string; name: string; since: Date | null }): Promise<EventRecord[]> {
    return this.run(async () => {
      let select = this.db
        .selectFrom("events")
        .select(EVENT_COLUMNS)
        .where("customer_id", "=", query.customerId)
        .where("meter_id", "=", query.meterId)
        .where("name", "=", query.name)
        .where("source", "=", "system");
      if (query.since !== null) select = select.where("ingested_at", ">=", this.codec.time(query.since));
      const rows = await select.orderBy("timestamp").orderBy(this.writeOrder).execute();
      return rows.map((row) => eventFromRow(this.codec, row));
    });
  }

  latestSystemEvent(query: { customerId: string; meterId: string; name: string }): Promise<Date | null> {
    return this.run(async () => {
      const row = await this.db
        .selectFrom("events")
        .select("timestamp")
        .where("customer_id", "=", query.customerId)
        .where("meter_id", "=", query.meterId)
        .where("name", "=", query.name)
        .where("source", "=", "system")
        .orderBy("timestamp", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? this.codec.readTime(row.timestamp) : null;
    });
  }
}

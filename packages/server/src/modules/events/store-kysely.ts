// The events store on Kysely, for both backends.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { sql, type Compilable, type Kysely } from "kysely";
import { chunked } from "../../platform/storage/chunks.js";
import { PreparedQuery } from "../../platform/storage/prepared.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import { METER_CREDITED, METER_RESET, type EventRecord } from "./model.js";
import { EVENT_COLUMNS, eventFromRow, eventToRow, type EventRow } from "./rows.js";
import type { EventStore, UsageWindow } from "./store.js";
import type { EventTables } from "./tables.js";

const DEFAULT_PAGE = 1000;

/** A usage scan's row; the first-pages statement adds which scan it came from. */
type ScanRow = EventRow & { scan?: number | string };

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

  /** Compiled page shapes of the usage scans, by scan, since/after presence and page size. */
  private readonly pageQueries = new Map<string, PreparedQuery<ScanRow, unknown[]>>();

  /**
   * One page of one usage scan, taking its arguments from `next`: the customer id (or organization
   * and external id), then `since` when windowed, then the last row's ingested_at twice and id
   * when continuing after it.
   */
  private scanPage(next: () => string, byExternalId: boolean, windowed: boolean, continued: boolean, pageSize: number) {
    let page = this.db.selectFrom("events").select(EVENT_COLUMNS);
    page = byExternalId
      ? page.where("organization_id", "=", next()).where("external_customer_id", "=", next())
      : page.where("customer_id", "=", next());
    page = page.where("source", "=", "user");
    if (windowed) page = page.where("ingested_at", ">=", next() as never);
    if (continued) {
      const [after, same, id] = [next(), next(), next()];
      page = page.where((eb) =>
        eb.or([eb("ingested_at", ">", after as never), eb.and([eb("ingested_at", "=", same as never), eb("id", ">", id)])]),
      );
    }
    return page.orderBy("ingested_at").orderBy("id").limit(pageSize);
  }

  private prepared(key: string, arity: number, build: (next: () => string) => Compilable<ScanRow>) {
    let query = this.pageQueries.get(key);
    if (query === undefined) {
      query = new PreparedQuery<ScanRow, unknown[]>(this.db, this.context.reader, arity, (...args) => build(() => args.shift()!));
      this.pageQueries.set(key, query);
    }
    return query;
  }

  /** A later page of one scan (rows of a long history). */
  private pageQuery(byExternalId: boolean, windowed: boolean, continued: boolean, pageSize: number) {
    const arity = (byExternalId ? 2 : 1) + (windowed ? 1 : 0) + (continued ? 3 : 0);
    return this.prepared(`${byExternalId}|${windowed}|${continued}|${pageSize}`, arity, (next) =>
      this.scanPage(next, byExternalId, windowed, continued, pageSize),
    );
  }

  /** The first pages of both scans in one statement (one round trip), each row tagged with its scan (0: by id, 1: by external id). */
  private firstPagesQuery(windowed: boolean, pageSize: number) {
    return this.prepared(`both|${windowed}|${pageSize}`, windowed ? 5 : 3, (next) => {
      const tagged = (tag: 0 | 1) =>
        this.db
          .selectFrom(this.scanPage(next, tag === 1, windowed, false, pageSize).as(`scan${tag}`))
          .select([...EVENT_COLUMNS, sql<number>`${sql.lit(tag)}`.as("scan")]);
      // Arguments in this order: customer id [, since], organization, external id [, since].
      const byId = tagged(0);
      return byId.unionAll(tagged(1)).orderBy("scan").orderBy("ingested_at").orderBy("id");
    });
  }

  forEachUserEvent(window: UsageWindow, visit: (events: EventRecord[]) => void, pageSize = DEFAULT_PAGE): Promise<void> {
    return this.run(async () => {
      // Two index range scans (by customer id, by external id) rather than one OR the planner may not split.
      const scans: { byExternalId: boolean; keys: unknown[] }[] = [{ byExternalId: false, keys: [window.customerId] }];
      if (window.externalCustomerId !== null) scans.push({ byExternalId: true, keys: [window.organizationId, window.externalCustomerId] });
      const since = window.since === null ? [] : [this.codec.time(window.since)];
      const windowed = since.length > 0;
      const page = (scan: (typeof scans)[number], after?: { at: unknown; id: string }) =>
        this.pageQuery(scan.byExternalId, windowed, after !== undefined, pageSize).execute(
          ...scan.keys,
          ...since,
          ...(after === undefined ? [] : [after.at, after.at, after.id]),
        );
      let firsts: ScanRow[][];
      if (scans.length === 1) firsts = [await page(scans[0])];
      else {
        const rows = await this.firstPagesQuery(windowed, pageSize).execute(...scans[0].keys, ...since, ...scans[1].keys, ...since);
        firsts = [rows.filter((r) => Number(r.scan) === 0), rows.filter((r) => Number(r.scan) === 1)];
      }
      // Later pages (long histories only) one after another.
      for (const [i, scan] of scans.entries()) {
        let rows = firsts[i];
        for (;;) {
          if (rows.length > 0) visit(rows.map((row) => eventFromRow(this.codec, row)));
          if (rows.length < pageSize) break;
          // Between pages, let the event loop serve others (SQLite reads are synchronous).
          await yieldToEventLoop();
          const last = rows[rows.length - 1];
          rows = await page(scan, { at: last.ingested_at, id: last.id });
        }
      }
    });
  }

  private ledgerQuery?: PreparedQuery<EventRow, [string]>;

  customerLedger(customerId: string): Promise<EventRecord[]> {
    // meter_id > '' keeps the scan on the (customer_id, meter_id, …) index range of system events (user events have none).
    const query = (this.ledgerQuery ??= new PreparedQuery(this.db, this.context.reader, 1, (id) =>
      this.db
        .selectFrom("events")
        .select(EVENT_COLUMNS)
        .where("customer_id", "=", id)
        .where("meter_id", ">", "")
        .where("name", "in", [METER_CREDITED, METER_RESET])
        .where("source", "=", "system")
        .orderBy("timestamp")
        .orderBy(this.writeOrder),
    ));
    return this.run(async () => (await query.execute(customerId)).map((row) => eventFromRow(this.codec, row)));
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

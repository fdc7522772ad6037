// The customers store on Kysely, for both backends.
import { sql, type Kysely } from "kysely";
import { PreparedQuery } from "../../platform/storage/prepared.js";
import { foldKey } from "../../platform/storage/keys.js";
import { atomically, type SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import { inChunks } from "../../platform/storage/chunks.js";
import { adjustLiveCount, liveCountAdjustment } from "./counts.js";
import { CUSTOMER_SQL, CUSTOMER_UNIQUE_INDEXES, LOOKUP_KEY, lookupKey, type CustomerSql } from "./dialects.js";
import { listCustomers } from "./list.js";
import type { CustomerChanges, CustomerRecord, NewCustomer } from "./model.js";
import { CUSTOMER_COLUMNS, changesToRow, customerFromRow, customerToRow, type CustomerRow } from "./rows.js";
import type { CustomerConflicts, CustomerPage, CustomerStore, ListCustomersQuery } from "./store.js";
import type { CustomerTables } from "./tables.js";

const MAX_PREPARED_ORGANIZATIONS = 32;

export class KyselyCustomerStore implements CustomerStore {
  private readonly db: Kysely<CustomerTables>;
  private readonly sql: CustomerSql;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<CustomerTables>;
    this.sql = CUSTOMER_SQL[context.dialect.name];
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work, CUSTOMER_UNIQUE_INDEXES);
  }

  private live() {
    return this.db.selectFrom("customers").select(CUSTOMER_COLUMNS).where("deleted_at", "is", null);
  }

  insert(customer: NewCustomer): Promise<CustomerRecord> {
    const row = customerToRow(this.codec, customer);
    return this.run(async () => {
      const inserted =
        this.context.dialect.name === "postgres"
          ? // One statement, one round trip, atomic on its own: the counter's upsert runs as a CTE of the insert.
            await this.db
              .with("counted", (db) => liveCountAdjustment(db, customer.organizationId, 1))
              .insertInto("customers")
              .values(row)
              .returning(CUSTOMER_COLUMNS)
              .executeTakeFirstOrThrow()
          : await atomically(this.context, async (trx: Kysely<CustomerTables>) => {
              const created = await trx.insertInto("customers").values(row).returning(CUSTOMER_COLUMNS).executeTakeFirstOrThrow();
              await adjustLiveCount(trx, customer.organizationId, 1);
              return created;
            });
      return customerFromRow(this.codec, inserted);
    });
  }

  /**
   * The hot path (GET by id) looks the row up by its unique id alone and checks
   * tenancy and liveness on the row: no planner can then walk an organization's
   * index instead, with or without statistics.
   */
  private byIdQuery?: PreparedQuery<CustomerRow, [string]>;

  /** Compiled on first use: stores are also built per transaction, which may never read by id. */
  private get byId(): PreparedQuery<CustomerRow, [string]> {
    return (this.byIdQuery ??= new PreparedQuery(this.db, this.context.reader, 1, (id) =>
      this.db.selectFrom("customers").select(CUSTOMER_COLUMNS).where("id", "=", id),
    ));
  }

  findById(organizationIds: readonly string[], id: string): Promise<CustomerRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const [row] = await this.byId.execute(id);
      if (row === undefined || row.deleted_at != null || !organizationIds.includes(row.organization_id)) return undefined;
      return customerFromRow(this.codec, row);
    });
  }

  /** GET by external id: prepared per number of organizations (the usual being one), on the external-id lookup key index. */
  private readonly byExternalIdQueries = new Map<number, PreparedQuery<CustomerRow, string[]>>();

  private byExternalIdQuery(organizationCount: number) {
    let query = this.byExternalIdQueries.get(organizationCount);
    if (query === undefined) {
      query = new PreparedQuery(this.db, this.context.reader, organizationCount, (...keys) =>
        this.live().where(LOOKUP_KEY.external_id, "in", keys).orderBy("organization_id"),
      );
      if (organizationCount <= MAX_PREPARED_ORGANIZATIONS) this.byExternalIdQueries.set(organizationCount, query);
    }
    return query;
  }

  findManyIncludingDeleted(ids: readonly string[]): Promise<CustomerRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(async () => {
      const rows = await inChunks([...new Set(ids)], (chunk) =>
        this.db.selectFrom("customers").select(CUSTOMER_COLUMNS).where("id", "in", chunk).execute(),
      );
      return rows.map((row) => customerFromRow(this.codec, row));
    });
  }

  findByExternalId(organizationIds: readonly string[], externalId: string): Promise<CustomerRecord[]> {
    // No stored external id contains U+0000, and PostgreSQL rejects it in a query parameter.
    if (organizationIds.length === 0 || externalId.includes("\u0000")) return Promise.resolve([]);
    return this.run(async () => {
      const keys = organizationIds.map((organizationId) => lookupKey(organizationId, externalId));
      const rows = await this.byExternalIdQuery(organizationIds.length).execute(...keys);
      return rows.map((row) => customerFromRow(this.codec, row));
    });
  }

  findConflicts(
    organizationId: string,
    values: { email?: string | null; externalId?: string | null; excludeId?: string },
  ): Promise<CustomerConflicts> {
    return this.run(async () => {
      const emailKey = foldKey(values.email);
      const externalId = values.externalId ?? null;
      if (emailKey === null && externalId === null) return { email: false, externalId: false };
      // One lookup-key probe per column, joined by UNION ALL: each side is a
      // point lookup whatever the table's size (an OR, or a bare organization_id,
      // lets planners walk a whole organization), and one statement is one
      // snapshot, so a concurrent insert is seen for both columns or for neither.
      const lookup = (column: "email_key" | "external_id", value: string, kind: "email" | "external_id") => {
        let q = this.db
          .selectFrom("customers")
          .select(sql.lit(kind).as("kind"))
          .where(LOOKUP_KEY[column], "=", lookupKey(organizationId, value))
          .where("deleted_at", "is", null);
        if (values.excludeId !== undefined) q = q.where("id", "<>", values.excludeId);
        return q;
      };
      const email = emailKey !== null ? lookup("email_key", emailKey, "email") : undefined;
      const external = externalId !== null ? lookup("external_id", externalId, "external_id") : undefined;
      const query = email && external ? email.unionAll(external) : (email ?? external)!;
      const kinds = new Set((await query.execute()).map((row) => row.kind));
      return { email: kinds.has("email"), externalId: kinds.has("external_id") };
    });
  }

  update(id: string, changes: CustomerChanges): Promise<CustomerRecord | undefined> {
    const row = changesToRow(this.codec, changes);
    const deleting = changes.deletedAt != null;
    return this.run(async () => {
      if (Object.keys(row).length === 0) {
        const current = await this.live().where("id", "=", id).executeTakeFirst();
        return current && customerFromRow(this.codec, current);
      }
      // Conditional on liveness, so a concurrent second delete finds nothing and
      // cannot decrement the counter twice. Only a delete touches the counter, so
      // only a delete needs a transaction.
      const apply = (db: Kysely<CustomerTables>) =>
        db
          .updateTable("customers")
          .set(row)
          .where("id", "=", id)
          .where("deleted_at", "is", null)
          .returning(CUSTOMER_COLUMNS)
          .executeTakeFirst();
      const updated = deleting
        ? await atomically(this.context, async (trx: Kysely<CustomerTables>) => {
            const result = await apply(trx);
            if (result) await adjustLiveCount(trx, result.organization_id, -1);
            return result;
          })
        : await apply(this.db);
      return updated && customerFromRow(this.codec, updated);
    });
  }

  list(query: ListCustomersQuery): Promise<CustomerPage> {
    return this.run(() => listCustomers(this.db, this.sql, this.codec, query));
  }

  deleteOrganizationData(organizationId: string): Promise<void> {
    return this.run(() =>
      atomically(this.context, async (trx: Kysely<CustomerTables>) => {
        const ofOrganization = trx.selectFrom("customers").select("id").where("organization_id", "=", organizationId);
        await trx.deleteFrom("subscriptions").where("customer_id", "in", ofOrganization).execute();
        await trx.deleteFrom("customers").where("organization_id", "=", organizationId).execute();
        await trx.deleteFrom("customer_counts").where("organization_id", "=", organizationId).execute();
      }),
    );
  }
}

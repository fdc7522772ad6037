import type { Kysely } from "kysely";
import type {
  CustomerChanges,
  CustomerConflicts,
  CustomerPage,
  CustomerRecord,
  CustomerStore,
  ListCustomersQuery,
  NewCustomer,
} from "../types.js";
import { adjustLiveCount } from "./counts.js";
import { translating } from "./errors.js";
import type { DialectFragments } from "./fragments.js";
import { foldKey } from "./keys.js";
import { listCustomers } from "./list.js";
import { CUSTOMER_COLUMNS, changesToRow, customerFromRow, customerToRow, type CustomerRow } from "./rows.js";
import type { Database } from "./schema.js";
import { PreparedQuery, type DirectReader } from "./prepared.js";

const MAX_PREPARED_ORGANIZATIONS = 32;

export class KyselyCustomerStore implements CustomerStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly fragments: DialectFragments,
    private readonly reader?: DirectReader,
  ) {}

  private get codec() {
    return this.fragments.codec;
  }

  private live() {
    return this.db.selectFrom("customers").select(CUSTOMER_COLUMNS).where("deleted_at", "is", null);
  }

  insert(customer: NewCustomer): Promise<CustomerRecord> {
    const row = customerToRow(this.codec, customer);
    return translating(this.fragments, async () => {
      const inserted = await this.db.transaction().execute(async (trx) => {
        const created = await trx.insertInto("customers").values(row).returning(CUSTOMER_COLUMNS).executeTakeFirstOrThrow();
        await adjustLiveCount(trx, customer.organizationId, 1);
        return created;
      });
      return customerFromRow(this.codec, inserted);
    });
  }

  /** The hot path (GET by id): prepared per number of organizations, the usual being one. */
  private readonly byIdQueries = new Map<number, PreparedQuery<CustomerRow, string[]>>();

  private byIdQuery(organizationCount: number) {
    let query = this.byIdQueries.get(organizationCount);
    if (query === undefined) {
      query = new PreparedQuery(this.db, this.reader, organizationCount + 1, (id, ...organizationIds) =>
        this.live().where("id", "=", id).where("organization_id", "in", organizationIds),
      );
      if (organizationCount <= MAX_PREPARED_ORGANIZATIONS) this.byIdQueries.set(organizationCount, query);
    }
    return query;
  }

  findById(organizationIds: readonly string[], id: string): Promise<CustomerRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return translating(this.fragments, async () => {
      const [row] = await this.byIdQuery(organizationIds.length).execute(id, ...organizationIds);
      return row && customerFromRow(this.codec, row);
    });
  }

  findByExternalId(organizationIds: readonly string[], externalId: string): Promise<CustomerRecord[]> {
    // No stored external id contains U+0000, and PostgreSQL rejects it in a query parameter.
    if (organizationIds.length === 0 || externalId.includes("\u0000")) return Promise.resolve([]);
    return translating(this.fragments, async () => {
      const rows = await this.live()
        .where("external_id", "=", externalId)
        .where("organization_id", "in", organizationIds)
        .orderBy("organization_id")
        .execute();
      return rows.map((row) => customerFromRow(this.codec, row));
    });
  }

  findConflicts(
    organizationId: string,
    values: { email?: string | null; externalId?: string | null; excludeId?: string },
  ): Promise<CustomerConflicts> {
    return translating(this.fragments, async () => {
      const emailKey = foldKey(values.email);
      const externalId = values.externalId ?? null;
      if (emailKey === null && externalId === null) return { email: false, externalId: false };
      // One statement, one snapshot: a concurrent insert is seen for both columns or for neither.
      let q = this.db
        .selectFrom("customers")
        .select(["email_key", "external_id"])
        .where("organization_id", "=", organizationId)
        .where("deleted_at", "is", null)
        .where((eb) =>
          eb.or([
            ...(emailKey !== null ? [eb("email_key", "=", emailKey)] : []),
            ...(externalId !== null ? [eb("external_id", "=", externalId)] : []),
          ]),
        );
      if (values.excludeId !== undefined) q = q.where("id", "<>", values.excludeId);
      const rows = await q.execute();
      return {
        email: emailKey !== null && rows.some((row) => row.email_key === emailKey),
        externalId: externalId !== null && rows.some((row) => row.external_id === externalId),
      };
    });
  }

  update(id: string, changes: CustomerChanges): Promise<CustomerRecord | undefined> {
    const row = changesToRow(this.codec, changes);
    const deleting = changes.deletedAt != null;
    return translating(this.fragments, async () => {
      if (Object.keys(row).length === 0) {
        const current = await this.live().where("id", "=", id).executeTakeFirst();
        return current && customerFromRow(this.codec, current);
      }
      // Conditional on liveness, so a concurrent second delete finds nothing and
      // cannot decrement the counter twice. Only a delete touches the counter, so
      // only a delete needs a transaction.
      const apply = (db: Kysely<Database>) =>
        db.updateTable("customers").set(row).where("id", "=", id).where("deleted_at", "is", null).returning(CUSTOMER_COLUMNS).executeTakeFirst();
      const updated = deleting
        ? await this.db.transaction().execute(async (trx) => {
            const result = await apply(trx);
            if (result) await adjustLiveCount(trx, result.organization_id, -1);
            return result;
          })
        : await apply(this.db);
      return updated && customerFromRow(this.codec, updated);
    });
  }

  list(query: ListCustomersQuery): Promise<CustomerPage> {
    return translating(this.fragments, () => listCustomers(this.db, this.fragments, query));
  }
}

// The customer list: filters, sorting, paging and an exact total.
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from "kysely";
import type { Codec } from "../../platform/storage/codec.js";
import { escapeLike, foldKey } from "../../platform/storage/keys.js";
import { sumLiveCounts } from "./counts.js";
import { LOOKUP_KEY, lookupKey, type CustomerSql, type SortColumn } from "./dialects.js";
import { CUSTOMER_COLUMNS, customerFromRow } from "./rows.js";
import type { CustomerPage, ListCustomersQuery, SortField, SortKey } from "./store.js";
import type { CustomerTables } from "./tables.js";

type Eb = ExpressionBuilder<CustomerTables, "customers">;

/** Subscription statuses that make a customer "active" for the list filter (past_due included, as on Polar). */
const ACTIVE_STATUSES = ["trialing", "active", "past_due"];

const SORT_COLUMNS: Record<SortField, SortColumn> = { created_at: "created_at", email: "email_key", name: "name_key" };
const DEFAULT_SORT: SortKey[] = [{ field: "created_at", descending: true }];

const never = sql<SqlBool>`1 = 0`;

function hasFilter(q: ListCustomersQuery): boolean {
  return q.email !== undefined || q.query !== undefined || q.metadata !== undefined || q.active !== undefined;
}

function searchCondition(eb: Eb, dialectSql: CustomerSql, needle: string, organizationIds: readonly string[]): Expression<SqlBool> {
  const contains = `%${escapeLike(needle)}%`;
  const prefix = `${escapeLike(needle)}%`;
  // The exact definition; any index-backed candidate set only narrows before it.
  const exact = eb.or([
    sql<SqlBool>`${eb.ref("email_key")} like ${contains} escape '/'`,
    sql<SqlBool>`${eb.ref("name_key")} like ${contains} escape '/'`,
    sql<SqlBool>`${eb.ref("billing_name_key")} like ${contains} escape '/'`,
    sql<SqlBool>`${eb.ref("external_id_key")} like ${prefix} escape '/'`,
  ]);
  const candidates = dialectSql.searchCandidates(needle, organizationIds);
  return candidates ? eb.and([candidates, exact]) : exact;
}

function isSearchDriven(dialectSql: CustomerSql, q: ListCustomersQuery): boolean {
  // An exact email match is more selective than any substring search.
  return q.query !== undefined && q.email === undefined && dialectSql.searchCandidates(foldKey(q.query)!, q.organizationIds) !== undefined;
}

function activeCondition(eb: Eb, active: boolean): Expression<SqlBool> {
  const live = eb
    .selectFrom("subscriptions")
    .select(sql.lit(1).as("one"))
    .whereRef("subscriptions.customer_id", "=", "customers.id")
    .where("subscriptions.deleted_at", "is", null)
    .where("subscriptions.status", "in", ACTIVE_STATUSES);
  return active ? eb.exists(live) : eb.not(eb.exists(live));
}

function conditions(eb: Eb, dialectSql: CustomerSql, q: ListCustomersQuery): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [eb("customers.deleted_at", "is", null)];
  if (q.email !== undefined) {
    // The lookup key carries the organization: no bare organization_id for a planner to walk.
    const emailKey = foldKey(q.email)!;
    all.push(
      eb(
        LOOKUP_KEY.email_key,
        "in",
        q.organizationIds.map((organizationId) => lookupKey(organizationId, emailKey)),
      ),
    );
  } else {
    all.push(dialectSql.organizationIn(q.organizationIds, isSearchDriven(dialectSql, q)));
  }
  if (q.query !== undefined) all.push(searchCondition(eb, dialectSql, foldKey(q.query)!, q.organizationIds));
  for (const [key, values] of Object.entries(q.metadata ?? {})) {
    all.push(values.length === 0 ? never : dialectSql.metadataIn(key, values));
  }
  if (q.active !== undefined) all.push(activeCondition(eb, q.active));
  return eb.and(all);
}

function orderTerms(dialectSql: CustomerSql, sorting: readonly SortKey[]) {
  const keys = sorting.length > 0 ? sorting : DEFAULT_SORT;
  const terms = keys.flatMap((k) => dialectSql.orderBy(SORT_COLUMNS[k.field], k.descending));
  // id breaks ties so pages never overlap; it follows the last key's direction so
  // one index can serve the whole ORDER BY (scanned forwards or backwards).
  return [...terms, ...dialectSql.orderBy("id", keys[keys.length - 1].descending)];
}

/** Stored text never contains U+0000 (rejected on input), so such a filter matches nothing; PostgreSQL would refuse the query. */
const filtersOnNul = ({ email, query, metadata }: ListCustomersQuery): boolean =>
  [email, query, ...Object.entries(metadata ?? {}).flat(2)].some((text) => typeof text === "string" && text.includes("\u0000"));

export async function listCustomers(
  db: Kysely<CustomerTables>,
  dialectSql: CustomerSql,
  codec: Codec,
  q: ListCustomersQuery,
): Promise<CustomerPage> {
  if (q.organizationIds.length === 0 || filtersOnNul(q)) return { items: [], totalCount: 0 };
  const base = db.selectFrom("customers").where((eb) => conditions(eb, dialectSql, q));

  let page = base.select(CUSTOMER_COLUMNS.map((column) => `customers.${column}` as const));
  for (const term of orderTerms(dialectSql, q.sorting)) page = page.orderBy(term);
  const rowsPromise = page.limit(q.limit).offset(q.offset).execute();

  const totalPromise = hasFilter(q)
    ? base
        .select((eb) => eb.fn.countAll<number | string>().as("total"))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.total))
    : sumLiveCounts(db, q.organizationIds);

  const [rows, totalCount] = await Promise.all([rowsPromise, totalPromise]);
  return { items: rows.map((row) => customerFromRow(codec, row)), totalCount };
}

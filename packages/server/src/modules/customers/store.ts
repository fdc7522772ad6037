// What the customers service needs from a database. The Kysely implementation
// (store-kysely.ts) runs the shared storage contract on SQLite and PostgreSQL.
//
// - "Live" customers are those with `deletedAt === null`; every finder below
//   only returns live customers.
// - Uniqueness of email (case-insensitive) and external id among the live
//   customers of one organization is enforced by the database (partial unique
//   indexes). A violation throws `UniqueViolationError<UniqueField>` and leaves
//   nothing written.

import type { SortKey as GenericSortKey } from "../../platform/schema/list-query.js";
import type { CustomerChanges, CustomerRecord, NewCustomer } from "./model.js";

export type SortField = "created_at" | "email" | "name";
export type SortKey = GenericSortKey<SortField>;

export interface ListCustomersQuery {
  /** Organizations the caller may see, already narrowed by any organization_id filter. Empty → no rows. */
  organizationIds: readonly string[];
  /** Exact, case-insensitive email match. */
  email?: string;
  /** Case-insensitive substring of email/name/billing name, or prefix of external id. */
  query?: string;
  /** key → accepted values (OR within a key, AND across keys), compared with the value rendered as text. */
  metadata?: Record<string, string[]>;
  /** true: has a live subscription in trialing/active/past_due; false: has none. */
  active?: boolean;
  sorting: SortKey[];
  limit: number;
  offset: number;
}

export interface CustomerPage {
  items: CustomerRecord[];
  /** Exact number of matching live customers. */
  totalCount: number;
}

export type UniqueField = "email" | "external_id";

export interface CustomerConflicts {
  email: boolean;
  externalId: boolean;
}

export interface CustomerStore {
  insert(customer: NewCustomer): Promise<CustomerRecord>;
  findById(organizationIds: readonly string[], id: string): Promise<CustomerRecord | undefined>;
  /** All live customers with this exact external id in the given organizations (several only across organizations). */
  findByExternalId(organizationIds: readonly string[], externalId: string): Promise<CustomerRecord[]>;
  /** Which of the given values are already taken by another live customer of the organization. */
  findConflicts(
    organizationId: string,
    values: { email?: string | null; externalId?: string | null; excludeId?: string },
  ): Promise<CustomerConflicts>;
  /** Customers by id, deleted ones included (what subscriptions and grants of a deleted customer still show). */
  findManyIncludingDeleted(ids: readonly string[]): Promise<CustomerRecord[]>;
  /** Applies changes to a live customer; returns the updated row, or undefined if it is gone or deleted. */
  update(id: string, changes: CustomerChanges): Promise<CustomerRecord | undefined>;
  list(query: ListCustomersQuery): Promise<CustomerPage>;
  /** Hard-deletes every customer of the organization (deleted ones too) and what hangs off them: the test-reset endpoint. */
  deleteOrganizationData(organizationId: string): Promise<void>;
}

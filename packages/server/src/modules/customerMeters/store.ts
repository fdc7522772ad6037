// What the customer-meters module needs from a database.
import type { SortKey } from "../../platform/schema/list-query.js";
import type { CustomerMeterRows } from "../events/index.js";
import type { MeterRecord } from "../meters/index.js";
import type { CustomerMeterRecord } from "./model.js";

/** Sort fields the database orders by; the computed ones (units, balance) are sorted after computing. */
export type StoredSortField = "created_at" | "modified_at" | "customer_id" | "customer_name" | "meter_id" | "meter_name";

export interface CustomerMeterFilter {
  /** Organizations the caller may read, already narrowed by any filter. Empty → no rows. */
  organizationIds: readonly string[];
  customerIds?: readonly string[];
  externalCustomerIds?: readonly string[];
  /** When given, rows of archived meters are included. */
  meterIds?: readonly string[];
}

/** A listed row with the names it may be sorted by. */
export interface ListedCustomerMeter extends CustomerMeterRecord {
  customerName: string | null;
  customerExternalId: string | null;
  meterName: string;
}

export interface CustomerMeterStore extends CustomerMeterRows {
  deleteOrganizationData(organizationId: string): Promise<void>;
  findById(organizationIds: readonly string[], id: string): Promise<CustomerMeterRecord | undefined>;
  /** The customer's rows (archived meters included), oldest first. */
  forCustomer(customerId: string): Promise<CustomerMeterRecord[]>;
  /** The same rows, each with its meter (null when the meter is gone), in one query: customer state's read. */
  forCustomerWithMeters(customerId: string): Promise<{ row: CustomerMeterRecord; meter: MeterRecord | null }[]>;
  /** Rows of live customers matching the filter, ordered by `sorting`; a page when `page` is given, else all of them. */
  list(
    filter: CustomerMeterFilter,
    sorting: readonly SortKey<StoredSortField>[],
    page?: { limit: number; offset: number },
  ): Promise<{ items: ListedCustomerMeter[]; totalCount: number }>;
}

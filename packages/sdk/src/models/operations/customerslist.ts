import type { CustomerSortProperty } from "../components/customersortproperty.js";
import type { ListResourceCustomer } from "../components/listresourcecustomer.js";

/** A metadata filter value; arrays match any of their values. Floats are not allowed. */
export type MetadataQuery = string | number | boolean | Array<string> | Array<number> | Array<boolean>;

export type CustomersListRequest = {
  /** Only customers of this organization (or of any of these). */
  organizationId?: string | Array<string> | null | undefined;
  /** Exact email match. */
  email?: string | null | undefined;
  /** Matches name, email or external ID. */
  query?: string | null | undefined;
  /** Customers with (true) or without (false) an active subscription. */
  active?: boolean | null | undefined;
  /** Page number, 1 by default. */
  page?: number | undefined;
  /** Page size, 10 by default; the server caps it at 100. */
  limit?: number | undefined;
  sorting?: Array<CustomerSortProperty> | null | undefined;
  /** Filter by metadata: `{ plan: "pro" }` is sent as `metadata[plan]=pro`. */
  metadata?: { [k: string]: MetadataQuery } | null | undefined;
};

export type CustomersListResponse = { result: ListResourceCustomer };

// A customer as the service and the stores see it.

import type { JsonFloat } from "../../platform/schema/floats.js";
import type { Address } from "../../validation/address.js";

export type CustomerType = "individual" | "team";
/**
 * JsonFloat: a number the client wrote as a float (`1.0`), kept a float as Polar does. Stored
 * metadata always reads back with floats as JsonFloat and integers as numbers.
 */
export type MetadataValue = string | number | boolean | JsonFloat;
export type Metadata = Record<string, MetadataValue>;

export type { Address };

export interface CustomerRecord {
  id: string;
  organizationId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  deletedAt: Date | null;
  email: string | null;
  emailVerified: boolean;
  type: CustomerType;
  name: string | null;
  /** Explicitly stored billing name (set by checkout flows); null means "fall back to name". */
  billingName: string | null;
  billingAddress: Address | null;
  taxId: [value: string, format: string] | null;
  locale: string | null;
  externalId: string | null;
  metadata: Metadata;
  defaultPaymentMethodId: string | null;
  firstUserEventAt: Date | null;
}

/** Everything but the derived/defaulted columns; the service picks id and createdAt. */
export type NewCustomer = Omit<
  CustomerRecord,
  "modifiedAt" | "deletedAt" | "emailVerified" | "defaultPaymentMethodId" | "firstUserEventAt"
>;

/** Columns a PATCH or a delete may write. Absent keys are left untouched. */
export type CustomerChanges = Partial<
  Pick<
    CustomerRecord,
    | "email"
    | "emailVerified"
    | "type"
    | "name"
    | "billingName"
    | "billingAddress"
    | "taxId"
    | "locale"
    | "externalId"
    | "metadata"
    | "modifiedAt"
    | "deletedAt"
  >
>;

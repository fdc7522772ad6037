// Row ⇄ record mapping. Rows hold encoded values; the codec of the active
// dialect decodes them so records look the same on both backends.
import type { Selectable, Updateable } from "kysely";
import { jsonOrNull, readTimeOrNull, timeOrNull, type Codec } from "../../platform/storage/codec.js";
import { foldKey } from "../../platform/storage/keys.js";
import type { Address, CustomerChanges, CustomerRecord, CustomerType, Metadata, NewCustomer } from "./model.js";
import type { CustomersTable } from "./tables.js";

/** The columns a CustomerRecord is read from (not the derived key columns). */
export const CUSTOMER_COLUMNS = [
  "id",
  "organization_id",
  "created_at",
  "modified_at",
  "deleted_at",
  "email",
  "email_verified",
  "type",
  "name",
  "billing_name",
  "billing_address",
  "tax_id",
  "locale",
  "external_id",
  "metadata",
  "default_payment_method_id",
  "first_user_event_at",
] as const satisfies readonly (keyof CustomersTable)[];

export type CustomerRow = Pick<Selectable<CustomersTable>, (typeof CUSTOMER_COLUMNS)[number]>;

export function customerFromRow(codec: Codec, row: CustomerRow): CustomerRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    deletedAt: readTimeOrNull(codec, row.deleted_at),
    email: row.email,
    emailVerified: codec.readBool(row.email_verified),
    type: row.type as CustomerType,
    name: row.name,
    billingName: row.billing_name,
    billingAddress: row.billing_address == null ? null : (codec.readJson(row.billing_address) as Address),
    taxId: row.tax_id == null ? null : (codec.readJson(row.tax_id) as [string, string]),
    locale: row.locale,
    externalId: row.external_id,
    metadata: codec.readJson(row.metadata) as Metadata,
    defaultPaymentMethodId: row.default_payment_method_id,
    firstUserEventAt: readTimeOrNull(codec, row.first_user_event_at),
  };
}

export function customerToRow(codec: Codec, c: NewCustomer): CustomersTable {
  return {
    id: c.id,
    organization_id: c.organizationId,
    created_at: codec.time(c.createdAt),
    modified_at: null,
    deleted_at: null,
    email: c.email,
    email_verified: codec.bool(false),
    type: c.type,
    name: c.name,
    billing_name: c.billingName,
    billing_address: jsonOrNull(codec, c.billingAddress),
    tax_id: jsonOrNull(codec, c.taxId),
    locale: c.locale,
    external_id: c.externalId,
    metadata: codec.json(c.metadata ?? {}),
    default_payment_method_id: null,
    first_user_event_at: null,
    email_key: foldKey(c.email),
    name_key: foldKey(c.name),
    billing_name_key: foldKey(c.billingName),
    external_id_key: foldKey(c.externalId),
  };
}

/** Only keys present in `changes` are written; derived keys follow their source column. */
export function changesToRow(codec: Codec, changes: CustomerChanges): Updateable<CustomersTable> {
  const row: Updateable<CustomersTable> = {};
  const has = (key: keyof CustomerChanges) => Object.prototype.hasOwnProperty.call(changes, key) && changes[key] !== undefined;
  if (has("email")) {
    row.email = changes.email;
    row.email_key = foldKey(changes.email);
  }
  if (has("emailVerified")) row.email_verified = codec.bool(changes.emailVerified!);
  if (has("type")) row.type = changes.type;
  if (has("name")) {
    row.name = changes.name;
    row.name_key = foldKey(changes.name);
  }
  if (has("billingName")) {
    row.billing_name = changes.billingName;
    row.billing_name_key = foldKey(changes.billingName);
  }
  if (has("billingAddress")) row.billing_address = jsonOrNull(codec, changes.billingAddress);
  if (has("taxId")) row.tax_id = jsonOrNull(codec, changes.taxId);
  if (has("locale")) row.locale = changes.locale;
  if (has("externalId")) {
    row.external_id = changes.externalId;
    row.external_id_key = foldKey(changes.externalId);
  }
  if (has("metadata")) row.metadata = codec.json(changes.metadata);
  if (has("modifiedAt")) row.modified_at = timeOrNull(codec, changes.modifiedAt ?? null);
  if (has("deletedAt")) row.deleted_at = timeOrNull(codec, changes.deletedAt ?? null);
  return row;
}

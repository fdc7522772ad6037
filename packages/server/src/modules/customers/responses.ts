// The Customer response: one ordered field list drives (customer state, in the
// state module, extends it) both the JSON we send and the schema we publish.

import { createHash } from "node:crypto";
import type { JsonSchema } from "../../platform/schema/core.js";
import { component, ref } from "../../platform/schema/component.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import { listResource, nullableJson as nullable, responseObject, type ResponseField } from "../../platform/schema/response.js";
import { OUTPUT_COUNTRIES } from "../../validation/countries.js";
import { TAX_ID_FORMATS } from "../../validation/taxId.js";
import { METADATA_JSON } from "./fields.js";
import type { Address, CustomerRecord } from "./model.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };
const text: JsonSchema = { type: "string" };

const ADDRESS = component("Address", {
  type: "object",
  title: "Address",
  properties: {
    line1: nullable(text),
    line2: nullable(text),
    postal_code: nullable(text),
    city: nullable(text),
    state: nullable(text),
    country: { type: "string", enum: [...OUTPUT_COUNTRIES], title: "CountryAlpha2" },
  },
  required: ["country"],
});

const PERSONAL_MAIL_DOMAINS = new Set([
  "gmail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "aol.com",
  "icloud.com",
  "mail.com",
  "protonmail.com",
  "proton.me",
  "zoho.com",
  "gmx.com",
  "yandex.com",
  "msn.com",
  "live.com",
  "qq.com",
]);

/**
 * Polar shows a company logo (logo.dev) for business domains when it has a
 * logo.dev key, and Gravatar otherwise. Set POLAR_LOGO_DEV_TOKEN to opt in.
 */
const LOGO_DEV_TOKEN = process.env.POLAR_LOGO_DEV_TOKEN || undefined;

export function avatarUrl(email: string | null, logoDevToken = LOGO_DEV_TOKEN): string | null {
  if (email === null) return null;
  const key = logoDevToken ? `${logoDevToken}\u0000${email}` : email;
  let url = recentAvatars.get(key);
  if (url === undefined) {
    url = computeAvatarUrl(email, logoDevToken);
    if (recentAvatars.size >= RECENT_AVATARS_MAX) recentAvatars.clear();
    recentAvatars.set(key, url);
  }
  return url;
}

/** Serialising a customer is on every read path; hashing its email each time is measurable. */
const recentAvatars = new Map<string, string>();
const RECENT_AVATARS_MAX = 10_000;

function computeAvatarUrl(email: string, logoDevToken: string | undefined): string {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (!logoDevToken || PERSONAL_MAIL_DOMAINS.has(domain)) {
    const hash = createHash("sha256").update(email.toLowerCase()).digest("hex");
    return `https://www.gravatar.com/avatar/${hash}?d=404`;
  }
  return `https://img.logo.dev/${domain}?size=64&retina=true&token=${logoDevToken}&fallback=404`;
}

const addressJson = (a: Address | null) =>
  a === null ? null : { line1: a.line1, line2: a.line2, postal_code: a.postalCode, city: a.city, state: a.state, country: a.country };

const deletedExternalId = (c: CustomerRecord): string | null =>
  c.deletedAt !== null && typeof c.metadata.__external_id === "string" ? c.metadata.__external_id : null;

const CUSTOMER_FIELDS: ResponseField<CustomerRecord>[] = [
  { key: "id", json: uuid, value: (c) => c.id },
  { key: "created_at", json: dateTime, value: (c) => formatDateTime(c.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: (c) => formatNullableDateTime(c.modifiedAt) },
  { key: "metadata", json: METADATA_JSON, value: (c) => c.metadata },
  // A deleted customer shows the external id it had, which deletion keeps in metadata.
  { key: "external_id", json: nullable(text), value: (c) => c.externalId ?? deletedExternalId(c) },
  { key: "email", json: nullable({ type: "string", format: "email" }), value: (c) => c.email },
  { key: "email_verified", json: { type: "boolean" }, value: (c) => c.emailVerified },
  { key: "type", json: { type: "string", enum: ["individual", "team"], title: "CustomerType" }, value: (c) => c.type },
  { key: "name", json: nullable(text), value: (c) => c.name },
  { key: "billing_name", json: nullable(text), value: (c) => c.billingName ?? c.name },
  { key: "billing_address", json: nullable(ref(ADDRESS)), value: (c) => addressJson(c.billingAddress) },
  {
    key: "tax_id",
    json: nullable({
      type: "array",
      prefixItems: [text, { type: "string", enum: [...TAX_ID_FORMATS], title: "TaxIDFormat" }],
      minItems: 2,
      maxItems: 2,
    }),
    value: (c) => c.taxId,
  },
  { key: "locale", json: nullable(text), value: (c) => c.locale },
  { key: "organization_id", json: uuid, value: (c) => c.organizationId },
  { key: "default_payment_method_id", json: nullable(uuid), value: (c) => c.defaultPaymentMethodId },
  { key: "deleted_at", json: nullable(dateTime), value: (c) => formatNullableDateTime(c.deletedAt) },
  { key: "first_user_event_at", json: nullable(dateTime), value: (c) => formatNullableDateTime(c.firstUserEventAt) },
  { key: "avatar_url", json: nullable(text), value: (c) => avatarUrl(c.email) },
];

/** The wire form of a customer, keys in Polar's order. */
export const customerResponse = responseObject("Customer", CUSTOMER_FIELDS);

export const customerListResponse = listResource(customerResponse);

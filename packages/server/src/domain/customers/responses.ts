// The Customer response (§5.1): one ordered field list drives both the JSON
// we send and the schema we publish, so the two cannot drift apart.

import { createHash } from "node:crypto";
import { formatDateTime, formatNullableDateTime } from "../../schema/datetime.js";
import type { JsonSchema } from "../../schema/core.js";
import type { Address, CustomerRecord } from "../../storage/types.js";
import { OUTPUT_COUNTRIES } from "../validation/countries.js";
import { METADATA_JSON } from "./fields.js";

const nullable = (json: JsonSchema): JsonSchema => ({ anyOf: [json, { type: "null" }] });
const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };
const text: JsonSchema = { type: "string" };

export const ADDRESS_JSON: JsonSchema = {
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
};

export const TAX_ID_FORMATS = [
  "ad_nrt", "ae_trn", "ar_cuit", "au_abn", "au_arn", "bg_uic", "bh_vat", "bo_tin", "br_cnpj", "br_cpf", "ca_bn",
  "ca_gst_hst", "ca_pst_bc", "ca_pst_mb", "ca_pst_sk", "ca_qst", "ch_uid", "ch_vat", "cl_tin", "cn_tin", "co_nit",
  "cr_tin", "de_stn", "do_rcn", "ec_ruc", "eg_tin", "es_cif", "eu_oss_vat", "eu_vat", "gb_vat", "ge_vat", "hk_br",
  "hr_oib", "hu_tin", "id_npwp", "il_vat", "in_gst", "is_vat", "jp_cn", "jp_rn", "jp_trn", "ke_pin", "kr_brn",
  "kz_bin", "li_uid", "mu_tan", "mx_rfc", "my_frp", "my_itn", "my_sst", "ng_tin", "no_vat", "no_voec", "nz_gst",
  "om_vat", "pe_ruc", "ph_tin", "ro_tin", "rs_pib", "ru_inn", "ru_kpp", "sa_vat", "sg_gst", "sg_uen", "si_tin",
  "sv_nit", "th_vat", "tr_tin", "tw_vat", "ua_vat", "us_ein", "uy_ruc", "ve_rif", "vn_tin", "za_vat",
];

const PERSONAL_MAIL_DOMAINS = new Set([
  "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com", "mail.com",
  "protonmail.com", "proton.me", "zoho.com", "gmx.com", "yandex.com", "msn.com", "live.com", "qq.com",
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

interface ResponseField {
  key: string;
  json: JsonSchema;
  value: (c: CustomerRecord) => unknown;
}

const CUSTOMER_FIELDS: ResponseField[] = [
  { key: "id", json: uuid, value: (c) => c.id },
  { key: "created_at", json: dateTime, value: (c) => formatDateTime(c.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: (c) => formatNullableDateTime(c.modifiedAt) },
  { key: "metadata", json: METADATA_JSON, value: (c) => c.metadata },
  { key: "external_id", json: nullable(text), value: (c) => c.externalId },
  { key: "email", json: nullable({ type: "string", format: "email" }), value: (c) => c.email },
  { key: "email_verified", json: { type: "boolean" }, value: (c) => c.emailVerified },
  { key: "type", json: { type: "string", enum: ["individual", "team"], title: "CustomerType" }, value: (c) => c.type },
  { key: "name", json: nullable(text), value: (c) => c.name },
  { key: "billing_name", json: nullable(text), value: (c) => c.billingName ?? c.name },
  { key: "billing_address", json: nullable({ $ref: "#/components/schemas/Address" }), value: (c) => addressJson(c.billingAddress) },
  {
    key: "tax_id",
    json: nullable({ type: "array", prefixItems: [text, { type: "string", enum: TAX_ID_FORMATS, title: "TaxIDFormat" }], minItems: 2, maxItems: 2 }),
    value: (c) => c.taxId,
  },
  { key: "locale", json: nullable(text), value: (c) => c.locale },
  { key: "organization_id", json: uuid, value: (c) => c.organizationId },
  { key: "default_payment_method_id", json: nullable(uuid), value: (c) => c.defaultPaymentMethodId },
  { key: "deleted_at", json: nullable(dateTime), value: (c) => formatNullableDateTime(c.deletedAt) },
  { key: "first_user_event_at", json: nullable(dateTime), value: (c) => formatNullableDateTime(c.firstUserEventAt) },
  { key: "avatar_url", json: nullable(text), value: (c) => avatarUrl(c.email) },
];

/** The wire form of a customer, keys in Polar's order. Deleted customers show the external id kept in metadata. */
export function customerJson(customer: CustomerRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of CUSTOMER_FIELDS) out[field.key] = field.value(customer);
  if (customer.deletedAt !== null && out.external_id === null && typeof customer.metadata.__external_id === "string") {
    out.external_id = customer.metadata.__external_id;
  }
  return out;
}

const objectSchema = (title: string, fields: { key: string; json: JsonSchema }[], extra: JsonSchema = {}): JsonSchema => ({
  type: "object",
  title,
  properties: Object.fromEntries(fields.map((f) => [f.key, f.json])),
  required: fields.map((f) => f.key),
  ...extra,
});

export const CUSTOMER_JSON: JsonSchema = objectSchema("Customer", CUSTOMER_FIELDS);

/** Fields customer state adds; empty until subscriptions, grants and meters exist. */
export const CUSTOMER_STATE_EXTRA_FIELDS = [
  { key: "active_subscriptions", json: { type: "array", items: { type: "object" } } },
  { key: "granted_benefits", json: { type: "array", items: { type: "object" } } },
  { key: "active_meters", json: { type: "array", items: { type: "object" } } },
];

export const CUSTOMER_STATE_JSON: JsonSchema = objectSchema("CustomerState", [...CUSTOMER_FIELDS, ...CUSTOMER_STATE_EXTRA_FIELDS]);

export function customerStateJson(customer: CustomerRecord): Record<string, unknown> {
  return { ...customerJson(customer), active_subscriptions: [], granted_benefits: [], active_meters: [] };
}

export const LIST_RESOURCE_CUSTOMER_JSON: JsonSchema = {
  type: "object",
  title: "ListResource[Customer]",
  properties: {
    items: { type: "array", items: { $ref: "#/components/schemas/Customer" } },
    pagination: {
      type: "object",
      title: "Pagination",
      properties: { total_count: { type: "integer" }, max_page: { type: "integer" } },
      required: ["total_count", "max_page"],
    },
  },
  required: ["items", "pagination"],
};

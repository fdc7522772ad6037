import { nullish, toWire, string, type Decoder } from "../../lib/schema.js";
import type { AddressInput } from "./addressinput.js";
import { encodeAddressInput } from "./addressinput.js";
import { encodeMetadata, encodeTaxId } from "./customercreate.js";
import type { TaxIdInput } from "./customerindividualcreate.js";
import type { CustomerType } from "./customertype.js";

/** Fields to change on a customer; absent fields are left as they are. */
export type CustomerUpdate = {
  /** Replaces the whole metadata object. */
  metadata?: { [k: string]: string | number | boolean } | undefined;
  email?: string | null | undefined;
  name?: string | null | undefined;
  billingAddress?: AddressInput | null | undefined;
  taxId?: TaxIdInput | undefined;
  locale?: string | null | undefined;
  /** Can only be set once. */
  externalId?: string | null | undefined;
  /** Only "individual" → "team" is allowed. */
  type?: CustomerType | null | undefined;
};

const text = nullish(string);

export const updateShape = {
  metadata: encodeMetadata,
  email: text,
  name: text,
  billing_address: nullish(encodeAddressInput),
  tax_id: encodeTaxId,
  locale: text,
};

export const encodeCustomerUpdate: Decoder<unknown> = toWire({ ...updateShape, external_id: text, type: text });

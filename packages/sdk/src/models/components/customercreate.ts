import { at, fail, isObject, literal, nullish, toWire, optional, string, withDefault, type Decoder } from "../../lib/schema.js";
import { encodeAddressInput } from "./addressinput.js";
import { decodeMetadata } from "./customer.js";
import type { CustomerIndividualCreate } from "./customerindividualcreate.js";
import type { CustomerTeamCreate } from "./customerteamcreate.js";

export type { CustomerIndividualCreate, TaxIdInput } from "./customerindividualcreate.js";
export type { CustomerTeamCreate } from "./customerteamcreate.js";

export type CustomerCreate = CustomerIndividualCreate | CustomerTeamCreate;

const text = nullish(string);

/** Accepts `"FR61954506077"` or `["FR61954506077", "eu_vat"]`; the wire only carries the value. */
export const encodeTaxId: Decoder<string | null | undefined> = (v) => {
  if (!Array.isArray(v)) return text(v);
  return v.length ? at(0, string, v[0]) : fail("a tax ID string or a [value, format] pair", v);
};

export const encodeMetadata = optional(decodeMetadata);

const encodeOwner = toWire({ email: string, name: text, external_id: text });

const common = {
  metadata: encodeMetadata,
  external_id: text,
  name: text,
  billing_address: nullish(encodeAddressInput),
  tax_id: encodeTaxId,
  locale: text,
  organization_id: text,
  owner: nullish(encodeOwner),
};

const individual = toWire({ ...common, type: withDefault(literal("individual"), "individual"), email: string });
const team = toWire({ ...common, type: literal("team"), email: text });

/** Validates a CustomerCreate and returns its wire form ("individual" unless type is "team"). */
export const encodeCustomerCreate: Decoder<unknown> = (v) => (isObject(v) && v["type"] === "team" ? team(v) : individual(v));

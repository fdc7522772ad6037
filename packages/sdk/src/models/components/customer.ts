import { array, boolean, byType, dateTime, nullable, nullish, object, record, scalar, string, type Decoder } from "../../lib/schema.js";
import { decodeAddress } from "./address.js";
import type { CustomerIndividual } from "./customerindividual.js";
import type { CustomerTeam } from "./customerteam.js";

export type { CustomerIndividual } from "./customerindividual.js";
export type { CustomerTeam } from "./customerteam.js";

export type Customer = CustomerIndividual | CustomerTeam;

export const decodeMetadata = record(scalar);

/** The wire fields shared by Customer and CustomerState, for one `type`. */
export function customerShape(type: "individual" | "team"): Record<string, Decoder<unknown>> {
  return {
    id: string,
    created_at: dateTime,
    modified_at: nullable(dateTime),
    metadata: decodeMetadata,
    external_id: nullish(string),
    // Individuals always have an email; teams may not.
    email: type === "individual" ? string : nullish(string),
    email_verified: boolean,
    // byType has already checked it.
    type: string,
    name: nullable(string),
    billing_name: nullable(string),
    billing_address: nullable(decodeAddress),
    tax_id: nullable(array(nullable(string))),
    locale: nullish(string),
    organization_id: string,
    default_payment_method_id: nullish(string),
    deleted_at: nullable(dateTime),
    avatar_url: nullable(string),
  };
}

export const decodeCustomer: Decoder<Customer> = byType<Customer>(object(customerShape("individual")), object(customerShape("team")));

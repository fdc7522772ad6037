import type { AddressInput } from "./addressinput.js";
import type { MemberOwnerCreate } from "./memberownercreate.js";
import type { TaxIDFormat } from "./taxidformat.js";

/**
 * A tax ID on input: the value as a string, or the `[value, format]` pair the API returns
 * (only the value is sent; the server works out the format from the billing country).
 */
export type TaxIdInput = string | Array<string | TaxIDFormat | null> | null;

/** Fields shared by both kinds of customer creation. */
export type CustomerCreateCommon = {
  metadata?: { [k: string]: string | number | boolean } | undefined;
  externalId?: string | null | undefined;
  name?: string | null | undefined;
  billingAddress?: AddressInput | null | undefined;
  taxId?: TaxIdInput | undefined;
  locale?: string | null | undefined;
  /** Required with a user token unless it is scoped to one organization; not allowed with an organization token. */
  organizationId?: string | null | undefined;
  owner?: MemberOwnerCreate | null | undefined;
};

export type CustomerIndividualCreate = CustomerCreateCommon & {
  type?: "individual" | undefined;
  email: string;
};

import type { Address } from "./address.js";
import type { TaxIDFormat } from "./taxidformat.js";

/** A customer that is a person. */
export type CustomerIndividual = {
  id: string;
  createdAt: Date;
  modifiedAt: Date | null;
  metadata: { [k: string]: string | number | boolean };
  externalId?: string | null | undefined;
  email: string;
  emailVerified: boolean;
  type: "individual";
  name: string | null;
  billingName: string | null;
  billingAddress: Address | null;
  /** In practice a pair: `[value, format]`, e.g. `["FR61954506077", "eu_vat"]`. */
  taxId: Array<string | TaxIDFormat | null> | null;
  locale?: string | null | undefined;
  organizationId: string;
  defaultPaymentMethodId?: string | null | undefined;
  deletedAt: Date | null;
  avatarUrl: string | null;
};

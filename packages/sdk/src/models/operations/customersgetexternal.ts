export type CustomersGetExternalRequest = {
  /** The customer external ID. */
  externalId: string;
};

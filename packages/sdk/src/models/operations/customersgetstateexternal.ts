export type CustomersGetStateExternalRequest = {
  /** The customer external ID. */
  externalId: string;
};

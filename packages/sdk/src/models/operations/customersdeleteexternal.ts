export type CustomersDeleteExternalRequest = {
  /** The customer external ID. */
  externalId: string;
  /** Also remove personal data (email, name, billing address). Defaults to false. */
  anonymize?: boolean | undefined;
};

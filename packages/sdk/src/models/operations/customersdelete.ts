export type CustomersDeleteRequest = {
  /** The customer ID. */
  id: string;
  /** Also remove personal data (email, name, billing address). Defaults to false. */
  anonymize?: boolean | undefined;
};

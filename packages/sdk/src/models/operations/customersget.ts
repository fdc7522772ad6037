export type CustomersGetRequest = {
  /** The customer ID. */
  id: string;
};

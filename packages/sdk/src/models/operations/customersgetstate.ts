export type CustomersGetStateRequest = {
  /** The customer ID. */
  id: string;
};

import type { CustomerUpdate } from "../components/customerupdate.js";

export type CustomersUpdateRequest = {
  /** The customer ID. */
  id: string;
  customerUpdate: CustomerUpdate;
};

import type { CustomerUpdateExternalID } from "../components/customerupdateexternalid.js";

/**
 * The body goes under `customerUpdateExternalID` (the official SDK's name) or `customerUpdate`
 * (the name its documentation samples use); both are accepted.
 */
export type CustomersUpdateExternalRequest =
  | { externalId: string; customerUpdateExternalID: CustomerUpdateExternalID; customerUpdate?: undefined }
  | { externalId: string; customerUpdate: CustomerUpdateExternalID; customerUpdateExternalID?: undefined };

import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { decodeCustomer, type Customer } from "../models/components/customer.js";
import { encodeCustomerUpdateExternalID } from "../models/components/customerupdateexternalid.js";
import type { CustomersUpdateExternalRequest } from "../models/operations/customersupdateexternal.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

/** Update a customer found by the ID your own system gave it. */
export function customersUpdateExternal(
  client: PolarCore,
  request: CustomersUpdateExternalRequest,
  options?: RequestOptions,
): APIPromise<Result<Customer, CustomerCallError>> {
  return call(
    client,
    () => {
      const externalId = field(request, "externalId");
      // The official SDK names the body `customerUpdateExternalID`; its docs use `customerUpdate`.
      const key =
        request.customerUpdateExternalID === undefined && request.customerUpdate !== undefined
          ? "customerUpdate"
          : "customerUpdateExternalID";
      return {
        method: "PATCH",
        path: `v1/customers/external/${encodeURIComponent(externalId)}`,
        body: field(request, key, encodeCustomerUpdateExternalID),
        success: 200,
        decode: decodeCustomer,
        notFound: true,
      };
    },
    request,
    options,
  );
}

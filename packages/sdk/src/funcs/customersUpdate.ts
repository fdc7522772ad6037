import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { decodeCustomer, type Customer } from "../models/components/customer.js";
import { encodeCustomerUpdate } from "../models/components/customerupdate.js";
import type { CustomersUpdateRequest } from "../models/operations/customersupdate.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

/** Update a customer; only the fields present in `customerUpdate` change. */
export function customersUpdate(
  client: PolarCore,
  request: CustomersUpdateRequest,
  options?: RequestOptions,
): APIPromise<Result<Customer, CustomerCallError>> {
  return call(
    client,
    () => ({
      method: "PATCH",
      path: `v1/customers/${encodeURIComponent(field(request, "id"))}`,
      body: field(request, "customerUpdate", encodeCustomerUpdate),
      success: 200,
      decode: decodeCustomer,
      notFound: true,
    }),
    request,
    options,
  );
}

import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { decodeCustomer, type Customer } from "../models/components/customer.js";
import type { CustomersGetRequest } from "../models/operations/customersget.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

/** Get a customer by ID. */
export function customersGet(
  client: PolarCore,
  request: CustomersGetRequest,
  options?: RequestOptions,
): APIPromise<Result<Customer, CustomerCallError>> {
  return call(
    client,
    () => ({
      method: "GET",
      path: `v1/customers/${encodeURIComponent(field(request, "id"))}`,
      success: 200,
      decode: decodeCustomer,
      notFound: true,
    }),
    request,
    options,
  );
}

import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { decodeCustomer, type Customer } from "../models/components/customer.js";
import type { CustomersGetExternalRequest } from "../models/operations/customersgetexternal.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

/** Get a customer by the ID your own system gave it. */
export function customersGetExternal(
  client: PolarCore,
  request: CustomersGetExternalRequest,
  options?: RequestOptions,
): APIPromise<Result<Customer, CustomerCallError>> {
  return call(
    client,
    () => ({
      method: "GET",
      path: `v1/customers/external/${encodeURIComponent(field(request, "externalId"))}`,
      success: 200,
      decode: decodeCustomer,
      notFound: true,
    }),
    request,
    options,
  );
}

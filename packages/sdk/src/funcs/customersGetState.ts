import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { decodeCustomerState, type CustomerState } from "../models/components/customerstate.js";
import type { CustomersGetStateRequest } from "../models/operations/customersgetstate.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

/** Get a customer with its active subscriptions, granted benefits and meters. */
export function customersGetState(
  client: PolarCore,
  request: CustomersGetStateRequest,
  options?: RequestOptions,
): APIPromise<Result<CustomerState, CustomerCallError>> {
  return call(
    client,
    () => ({
      method: "GET",
      path: `v1/customers/${encodeURIComponent(field(request, "id"))}/state`,
      success: 200,
      decode: decodeCustomerState,
      notFound: true,
    }),
    request,
    options,
  );
}

import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { decodeCustomerState, type CustomerState } from "../models/components/customerstate.js";
import type { CustomersGetStateExternalRequest } from "../models/operations/customersgetstateexternal.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

/** Get a customer's state by the ID your own system gave it. */
export function customersGetStateExternal(
  client: PolarCore,
  request: CustomersGetStateExternalRequest,
  options?: RequestOptions,
): APIPromise<Result<CustomerState, CustomerCallError>> {
  return call(
    client,
    () => ({
      method: "GET",
      path: `v1/customers/external/${encodeURIComponent(field(request, "externalId"))}/state`,
      success: 200,
      decode: decodeCustomerState,
      notFound: true,
    }),
    request,
    options,
  );
}

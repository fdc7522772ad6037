import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { boolean, withDefault } from "../lib/schema.js";
import { formParam } from "../lib/url.js";
import type { CustomersDeleteRequest } from "../models/operations/customersdelete.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

const anonymize = withDefault(boolean, false);

/** Delete a customer (cancels its subscriptions and revokes its benefits). */
export function customersDelete(
  client: PolarCore,
  request: CustomersDeleteRequest,
  options?: RequestOptions,
): APIPromise<Result<void, CustomerCallError>> {
  return call(
    client,
    () => ({
      method: "DELETE",
      path: `v1/customers/${encodeURIComponent(field(request, "id"))}`,
      // Always sent, false by default, like the official SDK.
      query: formParam("anonymize", field(request, "anonymize", anonymize)),
      success: 204,
      notFound: true,
    }),
    request,
    options,
  );
}

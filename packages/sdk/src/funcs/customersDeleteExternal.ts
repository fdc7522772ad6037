import type { PolarCore } from "../core.js";
import { call, field } from "../lib/call.js";
import type { CustomerCallError, RequestOptions } from "../lib/operation.js";
import { boolean, withDefault } from "../lib/schema.js";
import { formParam } from "../lib/url.js";
import type { CustomersDeleteExternalRequest } from "../models/operations/customersdeleteexternal.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

const anonymize = withDefault(boolean, false);

/** Delete a customer by the ID your own system gave it. */
export function customersDeleteExternal(
  client: PolarCore,
  request: CustomersDeleteExternalRequest,
  options?: RequestOptions,
): APIPromise<Result<void, CustomerCallError>> {
  return call(
    client,
    () => ({
      method: "DELETE",
      path: `v1/customers/external/${encodeURIComponent(field(request, "externalId"))}`,
      query: formParam("anonymize", field(request, "anonymize", anonymize)),
      success: 204,
      notFound: true,
    }),
    request,
    options,
  );
}

import type { PolarCore } from "../core.js";
import { call } from "../lib/call.js";
import type { BaseCallError, RequestOptions } from "../lib/operation.js";
import { decodeCustomer, type Customer } from "../models/components/customer.js";
import { encodeCustomerCreate, type CustomerCreate } from "../models/components/customercreate.js";
import type { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";

/** Create a customer. The request is the CustomerCreate body itself. */
export function customersCreate(
  client: PolarCore,
  request: CustomerCreate,
  options?: RequestOptions,
): APIPromise<Result<Customer, BaseCallError>> {
  return call(
    client,
    () => ({
      method: "POST",
      path: "v1/customers/",
      body: encodeCustomerCreate(request),
      success: 201,
      decode: decodeCustomer,
    }),
    request,
    options,
  );
}

import { customersCreate } from "../funcs/customersCreate.js";
import { customersDelete } from "../funcs/customersDelete.js";
import { customersDeleteExternal } from "../funcs/customersDeleteExternal.js";
import { customersGet } from "../funcs/customersGet.js";
import { customersGetExternal } from "../funcs/customersGetExternal.js";
import { customersGetState } from "../funcs/customersGetState.js";
import { customersGetStateExternal } from "../funcs/customersGetStateExternal.js";
import { listStep, type CustomersListPageState } from "../funcs/customersList.js";
import { customersUpdate } from "../funcs/customersUpdate.js";
import { customersUpdateExternal } from "../funcs/customersUpdateExternal.js";
import type { RequestOptions } from "../lib/operation.js";
import { ClientSDK } from "../lib/sdks.js";
import type { Customer } from "../models/components/customer.js";
import type { CustomerCreate } from "../models/components/customercreate.js";
import type { CustomerState } from "../models/components/customerstate.js";
import type { CustomersDeleteRequest } from "../models/operations/customersdelete.js";
import type { CustomersDeleteExternalRequest } from "../models/operations/customersdeleteexternal.js";
import type { CustomersGetRequest } from "../models/operations/customersget.js";
import type { CustomersGetExternalRequest } from "../models/operations/customersgetexternal.js";
import type { CustomersGetStateRequest } from "../models/operations/customersgetstate.js";
import type { CustomersGetStateExternalRequest } from "../models/operations/customersgetstateexternal.js";
import type { CustomersListRequest, CustomersListResponse } from "../models/operations/customerslist.js";
import type { CustomersUpdateRequest } from "../models/operations/customersupdate.js";
import type { CustomersUpdateExternalRequest } from "../models/operations/customersupdateexternal.js";
import { unwrapAsync } from "../types/fp.js";
import { toPageIterator, unwrapSteps, type PageIterator } from "../types/operations.js";

/** `polar.customers`: the standalone functions as methods that return values and throw errors. */
export class Customers extends ClientSDK {
  /** List customers; the first page is awaited, `for await` walks the rest. */
  async list(
    request?: CustomersListRequest,
    options?: RequestOptions,
  ): Promise<PageIterator<CustomersListResponse, CustomersListPageState>> {
    const [step] = await listStep(this, request ?? {}, options);
    return toPageIterator(unwrapSteps(step));
  }

  /** Create a customer. */
  create(request: CustomerCreate, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersCreate(this, request, options));
  }

  /** Get a customer by ID. */
  get(request: CustomersGetRequest, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersGet(this, request, options));
  }

  /** Update a customer. */
  update(request: CustomersUpdateRequest, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersUpdate(this, request, options));
  }

  /** Delete a customer. */
  delete(request: CustomersDeleteRequest, options?: RequestOptions): Promise<void> {
    return unwrapAsync(customersDelete(this, request, options));
  }

  /** Get a customer by external ID. */
  getExternal(request: CustomersGetExternalRequest, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersGetExternal(this, request, options));
  }

  /** Update a customer by external ID. */
  updateExternal(request: CustomersUpdateExternalRequest, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersUpdateExternal(this, request, options));
  }

  /** Delete a customer by external ID. */
  deleteExternal(request: CustomersDeleteExternalRequest, options?: RequestOptions): Promise<void> {
    return unwrapAsync(customersDeleteExternal(this, request, options));
  }

  /** Get a customer's state by ID. */
  getState(request: CustomersGetStateRequest, options?: RequestOptions): Promise<CustomerState> {
    return unwrapAsync(customersGetState(this, request, options));
  }

  /** Get a customer's state by external ID. */
  getStateExternal(request: CustomersGetStateExternalRequest, options?: RequestOptions): Promise<CustomerState> {
    return unwrapAsync(customersGetStateExternal(this, request, options));
  }
}

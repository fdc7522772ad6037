import type { PolarCore } from "../core.js";
import { field } from "../lib/call.js";
import { send, type BaseCallError, type Operation, type RequestOptions } from "../lib/operation.js";
import { array, boolean, fail, integer, isObject, nullish, oneOf, optional, record, string, type Decoder } from "../lib/schema.js";
import type { ClientSDK } from "../lib/sdks.js";
import { formParam } from "../lib/url.js";
import { CUSTOMER_SORT_PROPERTIES } from "../models/components/customersortproperty.js";
import { decodeListResourceCustomer } from "../models/components/listresourcecustomer.js";
import type { CustomersListRequest, CustomersListResponse } from "../models/operations/customerslist.js";
import { APIPromise, type APICall } from "../types/async.js";
import type { Result } from "../types/fp.js";
import { toPageIterator, unwrapSteps, walk, type PageIterator, type Step } from "../types/operations.js";

/** A page as the standalone function returns it: `for await` over it walks this and the next pages. */
export type CustomersListPage = CustomersListResponse & {
  [Symbol.asyncIterator](): AsyncIterableIterator<CustomersListResponse>;
};

export type CustomersListPageState = { page: number };

type ListStep = Step<Result<CustomersListPage, BaseCallError>, CustomersListPageState>;

const metadataScalar: Decoder<string | number | boolean> = (v) => (typeof v === "string" || typeof v === "boolean" ? v : integer(v));
const metadataFilter = record((v) => (Array.isArray(v) ? array(metadataScalar)(v) : metadataScalar(v)));
const organizationIds = nullish((v) => (Array.isArray(v) ? array(string)(v) : string(v)));
const text = nullish(string);
const sorting = nullish(array(oneOf(CUSTOMER_SORT_PROPERTIES)));
const count = optional(integer);

/** Metadata filters first (deepObject, brackets percent-encoded), then the rest alphabetically. */
function listQuery(request: CustomersListRequest): string {
  if (!isObject(request)) fail("object", request);
  const parts: string[] = [];
  const metadata = field(request, "metadata", nullish(metadataFilter));
  for (const key in metadata) parts.push(formParam(`metadata[${key}]`, metadata[key]));
  parts.push(
    formParam("active", field(request, "active", nullish(boolean))),
    formParam("email", field(request, "email", text)),
    formParam("limit", field(request, "limit", count) ?? 10),
    formParam("organization_id", field(request, "organizationId", organizationIds)),
    formParam("page", field(request, "page", count) ?? 1),
    formParam("query", field(request, "query", text)),
    formParam("sorting", field(request, "sorting", sorting)),
  );
  return parts.filter(Boolean).join("&");
}

/** The stop rule, read from the raw JSON: past max_page, or an empty or short page, ends the walk. */
function hasNextPage(raw: unknown, page: number, limit: number): boolean {
  const body = raw as { pagination?: { max_page?: unknown }; items?: unknown } | undefined;
  const maxPage = body?.pagination?.max_page;
  if (typeof maxPage !== "number" || maxPage <= page) return false;
  const items = body?.items;
  return Array.isArray(items) && items.length > 0 && items.length >= limit;
}

/** Fetches one page and links it to the next. Shared by the standalone function and `Polar`. */
export async function listStep(
  client: ClientSDK,
  request: CustomersListRequest,
  options: RequestOptions | undefined,
): Promise<[ListStep, APICall]> {
  // The stop rule needs the raw JSON, which only `decode` sees.
  let raw: unknown;
  const op = (): Operation<CustomersListPage> => ({
    method: "GET",
    path: "v1/customers/",
    query: listQuery(request),
    success: 200,
    decode: (v) => ({ result: decodeListResourceCustomer((raw = v)) }) as CustomersListPage,
  });
  const [result, call] = await send<CustomersListPage, BaseCallError>(client, op, request, options);
  const step: ListStep = { value: result, more: null };
  if (result.ok) {
    const page = request?.page ?? 1;
    if (hasNextPage(raw, page, request?.limit ?? 10)) {
      const next = { ...request, page: page + 1 };
      step.state = { page: page + 1 };
      step.more = () => listStep(client, next, options).then((pair) => pair[0]);
    }
    // Lets `const { value } = res; for await (const page of value)` work, as the documentation shows.
    Object.defineProperty(result.value, Symbol.asyncIterator, {
      value: () => walk(unwrapSteps(step)),
      configurable: true,
    });
  }
  return [step, call];
}

/** List customers, one page per request; the result can be walked with `for await`. */
export function customersList(
  client: PolarCore,
  request?: CustomersListRequest,
  options?: RequestOptions,
): APIPromise<PageIterator<Result<CustomersListPage, BaseCallError>, CustomersListPageState>> {
  return new APIPromise(listStep(client, request ?? {}, options).then(([step, call]) => [toPageIterator(step), call]));
}

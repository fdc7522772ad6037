// Compile-time checks (run by `tsc -p tsconfig.test.json` in `npm test`): our public types accept
// what the official SDK's accept, and reject what they reject. `@ts-expect-error` lines fail the
// build if the error disappears.
import { Polar, type SDKOptions } from "@polar-customers/sdk";
import { PolarCore } from "@polar-customers/sdk/core.js";
import { customersGet } from "@polar-customers/sdk/funcs/customersGet.js";
import { customersList } from "@polar-customers/sdk/funcs/customersList.js";
import type { Customer } from "@polar-customers/sdk/models/components/customer.js";
import type { CustomerCreate } from "@polar-customers/sdk/models/components/customercreate.js";
import type { CustomerState } from "@polar-customers/sdk/models/components/customerstate.js";
import type { CustomerUpdate } from "@polar-customers/sdk/models/components/customerupdate.js";
import type { CustomersListRequest } from "@polar-customers/sdk/models/operations/customerslist.js";
import { ResourceNotFound } from "@polar-customers/sdk/models/errors/resourcenotfound.js";
import { SDKValidationError } from "@polar-customers/sdk/models/errors/sdkvalidationerror.js";
import type { RetryConfig } from "@polar-customers/sdk/lib/retries.js";
import { HTTPClient } from "@polar-customers/sdk/lib/http.js";
import type { Result } from "@polar-customers/sdk/types/fp.js";
import { validateEvent, WebhookVerificationError, type WebhookPayload } from "@polar-customers/sdk/webhooks";
import type { WebhookCustomerCreatedPayload } from "@polar-customers/sdk/models/components/webhookcustomercreatedpayload.js";

const fromDocs: CustomerCreate = {
  externalId: "usr_1337",
  email: "jane@example.com",
  name: "John Doe",
  billingAddress: { country: "SE" },
  taxId: ["FR61954506077", "eu_vat"],
  organizationId: "1dbfc517-0bbf-4301-9ba8-555ca42b9737",
};
const from049: CustomerCreate = { email: "a@b.co", taxId: "FR61954506077", metadata: { plan: "pro", seats: 3, beta: true } };
const team: CustomerCreate = { type: "team", name: "Acme", owner: { email: "o@acme.io" } };
// @ts-expect-error an individual customer needs an email
const noEmail: CustomerCreate = { name: "x" };
// @ts-expect-error countries the API does not accept on input are rejected
const embargoed: CustomerCreate = { email: "a@b.co", billingAddress: { country: "RU" } };
const update: CustomerUpdate = { type: "team", taxId: null, billingAddress: { country: "US", state: "CA" }, metadata: {} };
const list: CustomersListRequest = { organizationId: ["a"], metadata: { tier: ["a", "b"], n: 3 }, sorting: ["-created_at"] };
// @ts-expect-error sorting is a closed set
const badSort: CustomersListRequest = { sorting: ["newest"] };
const retry: RetryConfig = {
  strategy: "backoff",
  backoff: { initialInterval: 500, maxInterval: 60000, exponent: 1.5, maxElapsedTime: 3600000 },
  retryConnectionErrors: true,
};
const options: SDKOptions = {
  accessToken: async () => "t",
  server: "sandbox",
  timeoutMs: 1,
  retryConfig: retry,
  httpClient: new HTTPClient(),
  debugLogger: console,
};

export async function usage(polar: Polar, core: PolarCore): Promise<void> {
  const c: Customer = await polar.customers.create(fromDocs);
  const created: Date = c.createdAt;
  const state: CustomerState = await polar.customers.getState({ id: c.id });
  const updated: Customer = await polar.customers.updateExternal({ externalId: "x", customerUpdate: {} });
  await polar.customers.updateExternal({ externalId: "x", customerUpdateExternalID: { name: "n" } });
  const nothing: void = await polar.customers.delete({ id: c.id });
  for await (const page of await polar.customers.list(list)) {
    const items: Customer[] = page.result.items;
    const total: number = page.result.pagination.totalCount;
  }
  const res: Result<Customer, unknown> = await customersGet(core, { id: "x" }, { timeoutMs: 5, retries: retry, headers: { a: "b" } });
  // A Polar instance may be passed to standalone functions too.
  await customersGet(polar, { id: "x" }, { fetchOptions: { cache: "no-store" }, retryCodes: ["5XX"], serverURL: "http://x" });
  const r = await customersGet(core, { id: "x" });
  if (!r.ok) {
    if (r.error instanceof ResourceNotFound) r.error.detail satisfies string;
    if (r.error instanceof SDKValidationError) r.error.pretty() satisfies string;
  }
  const pages = await customersList(core, {});
  if (pages.ok) for await (const page of pages.value) page.result.items satisfies Customer[];
  // @ts-expect-error get needs an id
  await polar.customers.get({});
  void [created, state, updated, nothing, res, team, from049, noEmail, embargoed, update, badSort, options];
}

// Written against @polar-sh/sdk/webhooks, the way Polar's framework adapters use it.
export async function onWebhook(
  body: string | Buffer,
  headers: Record<string, string>,
  onPayload: (payload: ReturnType<typeof validateEvent>) => Promise<void>,
): Promise<number> {
  let event: WebhookPayload;
  try {
    event = validateEvent(body, headers, "whsec_x");
  } catch (error) {
    if (error instanceof WebhookVerificationError) return 403;
    throw error;
  }
  await onPayload(event);
  switch (event.type) {
    case "customer.created": {
      const created: WebhookCustomerCreatedPayload = event;
      created.data.createdAt satisfies Date;
      break;
    }
    case "customer.state_changed":
      event.data.activeSubscriptions[0]?.currentPeriodEnd satisfies Date | undefined;
      break;
    case "subscription.created":
      // Unmodelled objects are loosely typed, so code written for the official models compiles.
      event.data["customer"].email satisfies unknown;
      break;
  }
  event.timestamp satisfies Date;
  // @ts-expect-error not an event type
  if (event.type === "customer.exploded") return 0;
  validateEvent(new Uint8Array(), headers, "whsec_x");
  return 202;
}

// Every scope Polar defines (the `Scope` enum of its OpenAPI document). Tokens
// may carry any of them; each operation lists the ones it accepts, so a token
// minted today for an endpoint we add tomorrow already works.

export const POLAR_SCOPES = [
  "openid",
  "profile",
  "email",
  "user:read",
  "user:write",
  "organizations:read",
  "organizations:write",
  "custom_fields:read",
  "custom_fields:write",
  "discounts:read",
  "discounts:write",
  "checkout_links:read",
  "checkout_links:write",
  "checkouts:read",
  "checkouts:write",
  "transactions:read",
  "transactions:write",
  "payouts:read",
  "payouts:write",
  "products:read",
  "products:write",
  "benefits:read",
  "benefits:write",
  "events:read",
  "events:write",
  "meters:read",
  "meters:write",
  "files:read",
  "files:write",
  "subscriptions:read",
  "subscriptions:write",
  "customers:read",
  "customers:write",
  "members:read",
  "members:write",
  "wallets:read",
  "wallets:write",
  "disputes:read",
  "disputes:write",
  "customer_meters:read",
  "customer_sessions:write",
  "member_sessions:write",
  "customer_seats:read",
  "customer_seats:write",
  "orders:read",
  "orders:write",
  "refunds:read",
  "refunds:write",
  "payments:read",
  "metrics:read",
  "metrics:write",
  "webhooks:read",
  "webhooks:write",
  "license_keys:read",
  "license_keys:write",
  "customer_portal:read",
  "customer_portal:write",
  "notifications:read",
  "notifications:write",
  "notification_recipients:read",
  "notification_recipients:write",
  "organization_access_tokens:read",
  "organization_access_tokens:write",
] as const;

export type Scope = (typeof POLAR_SCOPES)[number];

const KNOWN: ReadonlySet<string> = new Set(POLAR_SCOPES);

export const isScope = (text: string): text is Scope => KNOWN.has(text);

/**
 * Polar's rule for a resource's endpoints: reads accept either of its scopes, writes need `:write`.
 * `resourceScopes("customers")` → read `["customers:read", "customers:write"]`, write `["customers:write"]`.
 */
export function resourceScopes<R extends string>(resource: R): { read: readonly Scope[]; write: readonly Scope[] } {
  const read = `${resource}:read`;
  const write = `${resource}:write`;
  if (!isScope(read) || !isScope(write)) throw new Error(`Polar defines no scopes ${read} and ${write}`);
  return { read: [read, write], write: [write] };
}

// Shared by the HTTP cases that walk the billing domain (catalog, subscriptions,
// usage, customer state) with one organization token.
import assert from "node:assert/strict";
import type { Credentials, TestServer } from "./server.js";

/** Every scope the domain's endpoints need. */
export const DOMAIN_SCOPES = [
  "customers:read",
  "customers:write",
  "meters:read",
  "meters:write",
  "benefits:read",
  "benefits:write",
  "products:read",
  "products:write",
  "subscriptions:read",
  "subscriptions:write",
  "events:write",
  "customer_meters:read",
];

/** A request that must answer `status`; resolves with the parsed body. */
export async function expectReply(server: TestServer, org: Credentials, status: number, method: string, path: string, body?: unknown) {
  const reply = await server.request(method, path, { token: org.token, body });
  assert.equal(reply.status, status, `${method} ${path}: ${reply.text}`);
  return reply.body;
}

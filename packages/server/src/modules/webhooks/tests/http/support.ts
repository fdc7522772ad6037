// Shared steps of the webhooks cases: an organization whose token may manage
// customers and webhooks, and an endpoint pointed at a receiver.
import assert from "node:assert/strict";
import type { Credentials, TestServer } from "../../../../../test/support/server.js";

export const WEBHOOK_SCOPES = ["customers:read", "customers:write", "webhooks:read", "webhooks:write"];

export const webhookOrg = (server: TestServer): Promise<Credentials> => server.newOrganization(WEBHOOK_SCOPES);

export async function createEndpoint(
  server: TestServer,
  token: string,
  url: string,
  events: string[],
  extra: Record<string, unknown> = {},
) {
  const reply = await server.request("POST", "/v1/webhooks/endpoints", { token, body: { url, format: "raw", events, ...extra } });
  assert.equal(reply.status, 201, reply.text);
  return reply.body as { id: string; secret: string; url: string; events: string[]; enabled: boolean };
}

export async function deliveries(server: TestServer, token: string, query: string) {
  const reply = await server.request("GET", `/v1/webhooks/deliveries?${query}`, { token });
  assert.equal(reply.status, 200, reply.text);
  return reply.body as { items: any[]; pagination: { total_count: number; max_page: number } };
}

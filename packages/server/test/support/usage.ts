// Fixtures for the usage cases (events, customer meters): an organization whose token can create
// customers and meters, ingest events and read customer meters.
import assert from "node:assert/strict";
import type { Credentials, Reply, TestServer } from "./server.js";

export const USAGE_SCOPES = ["customers:read", "customers:write", "meters:read", "meters:write", "events:write", "customer_meters:read"];

export const usageOrg = (server: TestServer): Promise<Credentials> => server.newOrganization(USAGE_SCOPES);

export const ingest = (server: TestServer, token: string, events: unknown[]): Promise<Reply> =>
  server.request("POST", "/v1/events/ingest", { token, body: { events } });

/** Ingests and expects a 200 with these counts. */
export async function ingestOk(server: TestServer, token: string, events: unknown[], inserted = events.length, duplicates = 0) {
  const reply = await ingest(server, token, events);
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(reply.body, { inserted, duplicates });
}

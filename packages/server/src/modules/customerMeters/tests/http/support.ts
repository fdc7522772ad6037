// Builders for the customer-meters cases: meters over HTTP, and reading a customer's rows.
import assert from "node:assert/strict";
import type { TestServer } from "../../../../../test/support/server.js";
import { createMeter } from "../../../../../test/support/catalog.js";

export { USAGE_SCOPES, ingest, ingestOk, usageOrg } from "../../../../../test/support/usage.js";

export const meterOf = (
  server: TestServer,
  token: string,
  aggregation: unknown,
  clauses: unknown[] = [],
  extra: Record<string, unknown> = {},
) => createMeter(server, token, { aggregation, filter: { conjunction: "and", clauses }, ...extra });

/** The customer's rows from GET /v1/customer-meters/, keyed by meter id. */
export async function rowsOf(server: TestServer, token: string, customerId: string, query = ""): Promise<Map<string, any>> {
  const reply = await server.request("GET", `/v1/customer-meters/?customer_id=${customerId}&limit=100${query}`, { token });
  assert.equal(reply.status, 200, reply.text);
  return new Map(reply.body.items.map((row: any) => [row.meter_id, row]));
}

/** Consumed, credited and balance of one row. */
export const numbers = (row: any) => [row.consumed_units, row.credited_units, row.balance];

// Assertions and fixtures shared by the validation and list cases: exact 422
// bodies, the three ways a body reaches the schema (create, PATCH by id, PATCH
// by external id) and sequential creation for order-sensitive tests.

import assert from "node:assert/strict";
import { unique, type Reply, type TestServer } from "./server.js";

export type Loc = (string | number)[];
export interface Detail {
  type: string;
  loc: Loc;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export const SCHEMA = "RequestValidationError";
export const BUSINESS = "PolarRequestValidationError";

/** The reply is a 422 whose body is exactly `{error, detail}`. */
export function assert422(reply: Reply, error: typeof SCHEMA | typeof BUSINESS, detail: Detail[]): void {
  assert.equal(reply.status, 422, reply.text);
  assert.deepEqual(reply.body, { error, detail });
}

export const detail = (type: string, loc: Loc, msg: string, input: unknown, ctx?: Record<string, unknown>): Detail =>
  ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx };

export const NUL_MSG = "Value error, This value contains invalid characters";
export const nulError = (loc: Loc, input: unknown) => detail("value_error", loc, NUL_MSG, input, { error: {} });
export const stringType = (loc: Loc, input: unknown) => detail("string_type", loc, "Input should be a valid string", input);
export const emailError = (loc: Loc, input: unknown, reason: string) =>
  detail("value_error", loc, `value is not a valid email address: ${reason}`, input, { reason });

export interface Target {
  name: string;
  /** Where schema errors of the body are located. */
  prefix: Loc;
  send(body: Record<string, unknown>): Promise<Reply>;
}

/**
 * The three endpoints that validate a customer body. Create gets a fresh
 * valid email unless the body names one; the PATCH targets share a customer.
 */
export async function bodyTargets(server: TestServer): Promise<Target[]> {
  const externalId = unique("ext_");
  const customer = await server.createCustomer({ external_id: externalId });
  return [
    {
      name: "create",
      prefix: ["body", "individual"],
      send: (body) => server.request("POST", "/v1/customers/", { body: { email: `${unique("v")}@example.com`, ...body } }),
    },
    { name: "update", prefix: ["body"], send: (body) => server.request("PATCH", `/v1/customers/${customer.id}`, { body }) },
    {
      name: "update_external",
      prefix: ["body"],
      send: (body) => server.request("PATCH", `/v1/customers/external/${externalId}`, { body }),
    },
  ];
}

/** For each target: sending `body` answers a schema 422 with `expected(prefix)`. */
export async function expectSchemaErrors(
  server: TestServer,
  body: Record<string, unknown>,
  expected: (prefix: Loc, target: string) => Detail[],
  only?: string[],
): Promise<void> {
  for (const target of await bodyTargets(server)) {
    if (only && !only.includes(target.name)) continue;
    const reply = await target.send(body);
    assert.equal(reply.status, 422, `${target.name}: ${reply.text}`);
    assert.deepEqual(reply.body, { error: SCHEMA, detail: expected(target.prefix, target.name) }, target.name);
  }
}

/** For each target: `body` is accepted and `check` sees the resulting customer. */
export async function expectAccepted(
  server: TestServer,
  body: Record<string, unknown> | ((target: string) => Record<string, unknown>),
  check: (customer: any, target: string) => void,
  only?: string[],
): Promise<void> {
  for (const target of await bodyTargets(server)) {
    if (only && !only.includes(target.name)) continue;
    const reply = await target.send(typeof body === "function" ? body(target.name) : body);
    assert.ok(reply.status === 200 || reply.status === 201, `${target.name}: ${reply.status} ${reply.text}`);
    check(reply.body, target.name);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates customers one after another with strictly increasing created_at. */
export async function createInOrder(server: TestServer, token: string, bodies: Record<string, unknown>[]): Promise<any[]> {
  const created = [];
  let previous = -Infinity;
  for (const body of bodies) {
    let customer = await server.createCustomer(body, token);
    while (Date.parse(customer.created_at) <= previous) {
      // Same millisecond as the previous one: replace it.
      await server.request("DELETE", `/v1/customers/${customer.id}`, { token });
      await sleep(2);
      customer = await server.createCustomer(body, token);
    }
    previous = Date.parse(customer.created_at);
    created.push(customer);
  }
  return created;
}

// Fixtures of the subscriptions cases: an organization with every scope the
// chain product → benefits → subscription → state needs, and builders.
import assert from "node:assert/strict";
import { CATALOG_SCOPES, createBenefit, createMeter, createProduct } from "../../../../../test/support/catalog.js";
import type { Credentials, TestServer } from "../../../../../test/support/server.js";
import { unique } from "../../../../../test/support/server.js";

export const SUBSCRIPTION_SCOPES = [...CATALOG_SCOPES, "customers:read", "customers:write", "subscriptions:read", "subscriptions:write"];

export const subscriptionOrg = (server: TestServer): Promise<Credentials> => server.newOrganization(SUBSCRIPTION_SCOPES);

/** A free monthly product with a metered price and three benefits (custom, feature_flag, meter_credit). */
export async function planWithBenefits(server: TestServer, token: string, body: Record<string, unknown> = {}) {
  const meter = await createMeter(server, token);
  const custom = await createBenefit(server, token, { description: "Support", properties: { note: "Mail" }, metadata: { tier: 1 } });
  const flag = await createBenefit(server, token, { type: "feature_flag", description: "Beta", properties: {} });
  const credit = await createBenefit(server, token, {
    type: "meter_credit",
    description: "Credits",
    properties: { units: 100, rollover: false, meter_id: meter.id },
  });
  const product = await createProduct(server, token, {
    prices: [
      { amount_type: "fixed", price_amount: 0 },
      { amount_type: "metered_unit", meter_id: meter.id, unit_amount: "0.5" },
    ],
    ...body,
  });
  const attached = await server.request("POST", `/v1/products/${product.id}/benefits`, {
    token,
    body: { benefits: [custom.id, flag.id, credit.id] },
  });
  assert.equal(attached.status, 200, attached.text);
  return { meter, benefits: [custom, flag, credit], product: attached.body };
}

export async function createSubscription(server: TestServer, token: string, body: Record<string, unknown>) {
  const reply = await server.request("POST", "/v1/subscriptions/", { token, body });
  assert.equal(reply.status, 201, reply.text);
  return reply.body;
}

export const newCustomer = (server: TestServer, token: string, fields: Record<string, unknown> = {}) =>
  server.createCustomer({ external_id: unique("ext"), ...fields }, token);

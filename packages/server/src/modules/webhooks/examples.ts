// Documentation examples for the webhooks operations: an endpoint and one
// delivery of a customer.created event to it, run through the response
// schemas (so the published JSON is what the server sends), and request
// bodies the endpoints accept.

import type { Page } from "../../platform/schema/response.js";
import { customerResponse, exampleCustomer } from "../customers/index.js";
import type { DeliveryRecord, EndpointRecord } from "./model.js";
import { webhookBody } from "./payload.js";

const ENDPOINT_URL = "https://api.example.com/webhooks/polar";
const EVENTS: EndpointRecord["events"] = ["customer.created", "customer.updated", "subscription.created", "subscription.canceled"];

export const exampleEndpoint: EndpointRecord = {
  id: "2a4c6e8f-0b1d-4f3a-8c5e-7d9f1a3b5c7e",
  organizationId: exampleCustomer.organizationId,
  createdAt: new Date("2026-04-01T08:45:00.000Z"),
  modifiedAt: null,
  deletedAt: null,
  url: ENDPOINT_URL,
  name: "Production API",
  format: "raw",
  secret: "whsec_Zk3pQ8rT1vX6yB0nM4cJ7hL2wF9dS5gA1eK8uR3oP1q2Xy",
  events: EVENTS,
  enabled: true,
};

export const exampleUpdatedEndpoint: EndpointRecord = {
  ...exampleEndpoint,
  modifiedAt: new Date("2026-04-02T09:30:00.000Z"),
  events: [...EVENTS, "subscription.revoked"],
};

export const exampleEndpointWithNewSecret: EndpointRecord = {
  ...exampleEndpoint,
  modifiedAt: new Date("2026-04-05T13:20:00.000Z"),
  secret: "whsec_Hn7Vq2Lx9Tb4Rz1Kw6Pd3Mf8Cs5Jg0Ye2Ua7Ni4Oh9Bt3Ek",
};

export const exampleEndpointPage: Page<EndpointRecord> = { items: [exampleEndpoint], totalCount: 1, limit: 10 };

export const exampleEndpointCreateBody = { url: ENDPOINT_URL, name: "Production API", format: "raw", events: EVENTS };

export const exampleEndpointUpdateBody = { events: [...EVENTS, "subscription.revoked"] };

const deliveredAt = new Date("2026-04-01T09:30:01.000Z");

const exampleDelivery: DeliveryRecord = {
  id: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
  eventId: "1b3d5f7a-9c2e-4a6b-8d0f-2e4a6c8e0b2d",
  endpointId: exampleEndpoint.id,
  organizationId: exampleEndpoint.organizationId,
  createdAt: deliveredAt,
  succeeded: true,
  httpCode: 200,
  response: '{"received":true}',
  durationMs: 142,
  attempt: 1,
  event: {
    id: "1b3d5f7a-9c2e-4a6b-8d0f-2e4a6c8e0b2d",
    endpointId: exampleEndpoint.id,
    organizationId: exampleEndpoint.organizationId,
    createdAt: exampleCustomer.createdAt,
    modifiedAt: deliveredAt,
    type: "customer.created",
    payload: webhookBody("customer.created", exampleCustomer.createdAt, customerResponse.serialize(exampleCustomer)),
    lastHttpCode: 200,
    succeeded: true,
    skipped: false,
    attempts: 1,
  },
};

export const exampleDeliveryPage: Page<DeliveryRecord> = { items: [exampleDelivery], totalCount: 1, limit: 10 };

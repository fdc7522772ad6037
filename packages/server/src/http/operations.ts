// The customers operations as data: path, method, scope and documentation.
// Routes, the OpenAPI document and the 405/307 fallbacks all read this table.

import type { JsonSchema } from "../schema/core.js";
import type { ScopeRequirement } from "./conventions.js";

export interface Operation {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Fastify path syntax. */
  path: string;
  scope: ScopeRequirement;
  operationId: string;
  summary: string;
  description: string;
  parameters: JsonSchema[];
  requestBody?: string;
  success: { status: number; schema?: string };
}

const uuidParam = (name: string, description: string): JsonSchema => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid4", description },
});
const idParam = uuidParam("id", "The customer ID.");
const externalIdParam: JsonSchema = { name: "external_id", in: "path", required: true, schema: { type: "string", description: "The customer external ID." } };
const anonymizeParam: JsonSchema = {
  name: "anonymize",
  in: "query",
  required: false,
  schema: { type: "boolean", default: false, description: "Also replace the customer's personal data with hashes." },
};
const queryParam = (name: string, schema: JsonSchema, description: string): JsonSchema => ({ name, in: "query", required: false, schema, description });

const LIST_PARAMETERS: JsonSchema[] = [
  queryParam(
    "organization_id",
    { anyOf: [{ type: "string", format: "uuid4" }, { type: "array", items: { type: "string", format: "uuid4" } }, { type: "null" }] },
    "Filter by organization ID (repeatable).",
  ),
  queryParam("email", { anyOf: [{ type: "string" }, { type: "null" }] }, "Filter by exact email, ignoring case."),
  queryParam("query", { anyOf: [{ type: "string" }, { type: "null" }] }, "Filter by part of the email, name or billing name, or the start of the external ID."),
  queryParam("active", { anyOf: [{ type: "boolean" }, { type: "null" }] }, "Filter by whether the customer has an active subscription."),
  queryParam("page", { type: "integer", exclusiveMinimum: 0, default: 1 }, "Page number, from 1."),
  queryParam("limit", { type: "integer", exclusiveMinimum: 0, default: 10 }, "Size of a page; values above 100 are treated as 100."),
  queryParam(
    "sorting",
    { anyOf: [{ type: "array", items: { type: "string", enum: ["created_at", "-created_at", "email", "-email", "name", "-name"] } }, { type: "null" }], default: ["-created_at"] },
    "Sorting criteria; prefix with - for descending order. Repeatable.",
  ),
  { name: "metadata", in: "query", required: false, style: "deepObject", schema: { type: "object", additionalProperties: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } }, description: "Filter by metadata key-value pairs, e.g. `metadata[plan]=pro`." },
];

export const CUSTOMER_OPERATIONS = {
  list: { method: "GET", path: "/v1/customers/", scope: "read", operationId: "customers:list", summary: "List Customers", description: "List customers.", parameters: LIST_PARAMETERS, success: { status: 200, schema: "ListResource_Customer_" } },
  create: { method: "POST", path: "/v1/customers/", scope: "write", operationId: "customers:create", summary: "Create Customer", description: "Create a customer.", parameters: [], requestBody: "CustomerCreate", success: { status: 201, schema: "Customer" } },
  getExternal: { method: "GET", path: "/v1/customers/external/:externalId", scope: "read", operationId: "customers:get_external", summary: "Get Customer by External ID", description: "Get a customer by external ID.", parameters: [externalIdParam], success: { status: 200, schema: "Customer" } },
  updateExternal: { method: "PATCH", path: "/v1/customers/external/:externalId", scope: "write", operationId: "customers:update_external", summary: "Update Customer by External ID", description: "Update a customer by external ID.", parameters: [externalIdParam], requestBody: "CustomerUpdateExternalID", success: { status: 200, schema: "Customer" } },
  deleteExternal: { method: "DELETE", path: "/v1/customers/external/:externalId", scope: "write", operationId: "customers:delete_external", summary: "Delete Customer by External ID", description: "Delete a customer by external ID.", parameters: [externalIdParam, anonymizeParam], success: { status: 204 } },
  getStateExternal: { method: "GET", path: "/v1/customers/external/:externalId/state", scope: "read", operationId: "customers:get_state_external", summary: "Get Customer State by External ID", description: "Get a customer state by external ID: active subscriptions, granted benefits and active meters.", parameters: [externalIdParam], success: { status: 200, schema: "CustomerState" } },
  get: { method: "GET", path: "/v1/customers/:id", scope: "read", operationId: "customers:get", summary: "Get Customer", description: "Get a customer by ID.", parameters: [idParam], success: { status: 200, schema: "Customer" } },
  update: { method: "PATCH", path: "/v1/customers/:id", scope: "write", operationId: "customers:update", summary: "Update Customer", description: "Update a customer.", parameters: [idParam], requestBody: "CustomerUpdate", success: { status: 200, schema: "Customer" } },
  delete: { method: "DELETE", path: "/v1/customers/:id", scope: "write", operationId: "customers:delete", summary: "Delete Customer", description: "Delete a customer: soft-deletes it, frees its email and external ID, and optionally anonymizes it.", parameters: [idParam, anonymizeParam], success: { status: 204 } },
  getState: { method: "GET", path: "/v1/customers/:id/state", scope: "read", operationId: "customers:get_state", summary: "Get Customer State", description: "Get a customer state: active subscriptions, granted benefits and active meters.", parameters: [idParam], success: { status: 200, schema: "CustomerState" } },
} satisfies Record<string, Operation>;

/** Operation paths in OpenAPI syntax (`{id}`) from Fastify syntax (`:id`). */
export const openApiPath = (path: string) => path.replace(/:externalId/g, "{external_id}").replace(/:(\w+)/g, "{$1}");

/** Regex that a concrete request path matches when it addresses `path`. */
export const pathPattern = (path: string) => new RegExp(`^${path.replace(/:\w+/g, "[^/]+")}$`);

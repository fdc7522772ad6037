// Builds /openapi.json from the same schema objects that validate requests
// and serialise responses, plus a small human page at /docs.

import type { JsonSchema } from "../schema/core.js";
import { customerIndividualCreate, customerTeamCreate, customerUpdate, customerUpdateExternalId, customerCreate } from "../domain/customers/requests.js";
import { ADDRESS_JSON, CUSTOMER_JSON, CUSTOMER_STATE_JSON, LIST_RESOURCE_CUSTOMER_JSON } from "../domain/customers/responses.js";
import { ADDRESS_INPUT_JSON } from "../domain/customers/fields.js";
import { CUSTOMER_OPERATIONS, openApiPath, type Operation } from "./operations.js";
import { API_VERSIONS } from "./versioning.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const VALIDATION_ERROR: JsonSchema = {
  type: "object",
  title: "ValidationError",
  properties: {
    type: { type: "string" },
    loc: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } },
    msg: { type: "string" },
    input: {},
    ctx: { type: "object" },
  },
  required: ["type", "loc", "msg", "input"],
};

const errorSchema = (title: string, error: string, detail: string): JsonSchema => ({
  type: "object",
  title,
  properties: { error: { type: "string", const: error }, detail: { type: "string", examples: [detail] } },
  required: ["error", "detail"],
});

const json = (schema: JsonSchema) => ({ "application/json": { schema } });

function operationDocument(op: Operation): JsonSchema {
  const responses: Record<string, unknown> = {
    [op.success.status]: op.success.schema ? { description: "Successful Response", content: json(ref(op.success.schema)) } : { description: "Successful Response" },
    "401": { description: "Missing or invalid access token." },
    "403": { description: "The token lacks the required scope, or the user's role may not manage customers." },
    "422": { description: "Validation Error", content: json(ref("HTTPValidationError")) },
  };
  if (op.path.includes(":")) responses["404"] = { description: "Customer not found.", content: json(ref("ResourceNotFound")) };
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description}\n\n**Scopes**: ${op.scope === "read" ? "`customers:read` `customers:write`" : "`customers:write`"}`,
    tags: ["customers", "public"],
    parameters: op.parameters,
    ...(op.requestBody && { requestBody: { required: true, content: json(ref(op.requestBody)) } }),
    responses,
    security: [{ oidc: [] }, { pat: [] }, { oat: [] }],
    "x-speakeasy-name-override": op.operationId.split(":")[1],
    "x-speakeasy-group": "customers",
    ...(op.operationId === "customers:list" && {
      "x-speakeasy-pagination": { type: "offsetLimit", inputs: [{ name: "page", in: "parameters", type: "page" }, { name: "limit", in: "parameters", type: "limit" }], outputs: { results: "$.items", numPages: "$.pagination.max_page" } },
    }),
  };
}

export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of Object.values(CUSTOMER_OPERATIONS) as Operation[]) {
    (paths[openApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operationDocument(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "polar-customers",
      version: API_VERSIONS[0],
      description: `A self-hosted implementation of Polar's Customers API. Send \`Polar-Version\` (${API_VERSIONS.join(", ")}) to choose the API version.`,
    },
    servers: [{ url: "/", description: "This server" }],
    paths,
    components: {
      securitySchemes: {
        oat: { type: "http", scheme: "bearer", description: "Organization access token (polar_oat_…)." },
        pat: { type: "http", scheme: "bearer", description: "Personal access token (polar_pat_…)." },
        oidc: { type: "http", scheme: "bearer", description: "OAuth2 access token (not issued by this server)." },
      },
      schemas: {
        Customer: CUSTOMER_JSON,
        CustomerState: CUSTOMER_STATE_JSON,
        "ListResource_Customer_": LIST_RESOURCE_CUSTOMER_JSON,
        Address: ADDRESS_JSON,
        AddressInput: ADDRESS_INPUT_JSON,
        CustomerCreate: customerCreate.json,
        CustomerIndividualCreate: customerIndividualCreate.json,
        CustomerTeamCreate: customerTeamCreate.json,
        CustomerUpdate: customerUpdate.json,
        CustomerUpdateExternalID: customerUpdateExternalId.json,
        ValidationError: VALIDATION_ERROR,
        HTTPValidationError: {
          type: "object",
          title: "HTTPValidationError",
          properties: { error: { type: "string" }, detail: { type: "array", items: ref("ValidationError") } },
          required: ["detail"],
        },
        ResourceNotFound: errorSchema("ResourceNotFound", "ResourceNotFound", "Not found"),
      },
    },
  };
}

/** A dependency-free reference page rendered from the OpenAPI document. */
export function renderDocsPage(document: JsonSchema): string {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, JsonSchema>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters as JsonSchema[]).map((p) => `<li><code>${escape(String(p.name))}</code> (${escape(String(p.in))}) ${escape(String(p.description ?? (p.schema as JsonSchema).description ?? ""))}</li>`).join("");
      const body = op.requestBody ? `<p>Body: <a href="#schema-${escape(String(((op.requestBody as JsonSchema).content as Record<string, { schema: { $ref: string } }>)["application/json"].schema.$ref.split("/").pop()))}">schema</a></p>` : "";
      sections.push(
        `<section><h2><span class="m">${method.toUpperCase()}</span> <code>${escape(path)}</code></h2><p><b>${escape(String(op.summary))}</b> — ${escape(String(op.description)).replace(/\n/g, "<br>")}</p>${params ? `<ul>${params}</ul>` : ""}${body}</section>`,
      );
    }
  }
  const schemas = Object.entries((document.components as { schemas: Record<string, unknown> }).schemas)
    .map(([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(schema, null, 2))}</pre></section>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>polar-customers API</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f5f5f5;padding:1rem;overflow:auto;max-height:30rem}.m{display:inline-block;min-width:4.5rem;color:#06c}</style></head><body><h1>polar-customers API</h1><p>${escape(String((document.info as JsonSchema).description))} The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>${sections.join("")}<h2>Schemas</h2>${schemas}</body></html>`;
}

// Builds /openapi.json from the operation definitions: their parameters,
// bodies, responses and errors are the same objects that parse and
// serialise, and every component is collected from the references made.

import { collectComponents } from "../schema/component.js";
import type { JsonSchema } from "../schema/core.js";
import { pathParameterDocs } from "../schema/query.js";
import { StorageUnavailable, ValidationFailed } from "../errors.js";
import { errorResponses } from "./errors.js";
import type { Operation } from "./operation.js";
import { API_VERSIONS } from "./versioning.js";

const json = (schema: JsonSchema) => ({ "application/json": { schema } });

/** `/v1/customers/{id}` from Fastify's `/v1/customers/:id`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

function operationDocument(op: Operation<unknown>): JsonSchema {
  const [group, name] = op.operationId.split(":");
  const { status, body } = op.response;
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description}\n\n**Scopes**: ${op.scopes.map((s) => `\`${s}\``).join(" ")}`,
    tags: [group, "public"],
    parameters: [...pathParameterDocs(op.params ?? {}), ...(op.query?.parameters ?? [])],
    ...(op.body && { requestBody: { required: true, content: json(op.body.json) } }),
    responses: {
      [status]: body ? { description: "Successful Response", content: json(body.json) } : { description: "Successful Response" },
      "401": { description: "Missing or invalid access token." },
      "403": { description: "The token lacks a required scope, or the member's role does not allow this." },
      // Every operation needs the database, if only to resolve the token.
      ...errorResponses([ValidationFailed, ...(op.errors ?? []), StorageUnavailable]),
    },
    security: [{ oidc: [] }, { pat: [] }, { oat: [] }],
    "x-speakeasy-name-override": name,
    "x-speakeasy-group": group,
    ...(op.query?.paginated && {
      "x-speakeasy-pagination": {
        type: "offsetLimit",
        inputs: [
          { name: "page", in: "parameters", type: "page" },
          { name: "limit", in: "parameters", type: "limit" },
        ],
        outputs: { results: "$.items", numPages: "$.pagination.max_page" },
      },
    }),
  };
}

export function buildOpenApiDocument(operations: readonly Operation<unknown>[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[openApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operationDocument(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "polar-customers",
      version: API_VERSIONS[0],
      description: `A self-hosted implementation of Polar's API. Send \`Polar-Version\` (${API_VERSIONS.join(", ")}) to choose the API version.`,
    },
    servers: [{ url: "/", description: "This server" }],
    paths,
    components: {
      securitySchemes: {
        oat: { type: "http", scheme: "bearer", description: "Organization access token (polar_oat_…)." },
        pat: { type: "http", scheme: "bearer", description: "Personal access token (polar_pat_…)." },
        oidc: { type: "http", scheme: "bearer", description: "OAuth2 access token (not issued by this server)." },
      },
      schemas: collectComponents(Object.values(paths)),
    },
  };
}

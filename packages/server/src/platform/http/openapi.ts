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

const json = (schema: JsonSchema, example?: unknown) => ({ "application/json": { schema, ...(example !== undefined && { example }) } });

/** `/v1/customers/{id}` from Fastify's `/v1/customers/:id`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

function operationDocument(op: Operation<unknown>): JsonSchema {
  const [group, name] = op.operationId.split(":");
  const { status, body } = op.response;
  const examples = op.examples ?? {};
  const responseExample = body && examples.response !== undefined ? body.serialize(examples.response) : undefined;
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description}\n\n**Scopes**: ${op.scopes.map((s) => `\`${s}\``).join(" ")}`,
    tags: [group, "public"],
    parameters: [...pathParameterDocs(op.params ?? {}), ...(op.query?.parameters ?? [])],
    ...(op.body && { requestBody: { required: true, content: json(op.body.json, examples.body) } }),
    responses: {
      [status]: body
        ? { description: "Successful Response", content: json(body.json, responseExample) }
        : { description: "Successful Response" },
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

const API_DESCRIPTION = [
  "A self-hosted implementation of Polar's API, wire-compatible with Polar's hosted API.",
  "",
  "## Authentication",
  "Every `/v1/…` endpoint takes a bearer token: `Authorization: Bearer polar_oat_…`.",
  "",
  "- `polar-customers serve` (or `npm start` in the repository) prints an **organization access token** with every scope the first time it starts on an empty database.",
  '- `polar-customers tokens create --org ORG_ID [--scopes "customers:read customers:write"]` issues another; `polar-customers orgs create --name NAME` makes a new organization.',
  "- `polar-customers users create`, `members add` and `tokens create --user USER_ID` issue **personal access tokens** (`polar_pat_…`).",
  "",
  "Tokens are shown once; the server keeps only their SHA-256. Each operation lists the scopes it accepts. A missing or unknown token is a 401, a token without the scope a 403.",
  "",
  "## Versions",
  `Send \`Polar-Version\` (${API_VERSIONS.join(", ")}; default ${API_VERSIONS[0]}) to choose the API version; any other value is a 404.`,
].join("\n");

export function buildOpenApiDocument(operations: readonly Operation<unknown>[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[openApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operationDocument(op);
  const groups = [...new Set(operations.map((op) => op.operationId.split(":")[0]))];
  return {
    openapi: "3.1.0",
    info: {
      title: "polar-customers",
      version: API_VERSIONS[0],
      description: API_DESCRIPTION,
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/", description: "This server" }],
    tags: [
      ...groups.map((name) => ({ name, description: `The \`${name}:…\` operations.` })),
      { name: "public", description: "Polar's marker for operations of its public API; every operation here has it." },
    ],
    // Viewers show operations by group; Polar's "public" marker would list every operation twice.
    "x-tagGroups": [{ name: "API", tags: groups }],
    paths,
    components: {
      securitySchemes: {
        oat: {
          type: "http",
          scheme: "bearer",
          description:
            "**Organization access token** (`polar_oat_…`), acting for one organization. `polar-customers serve` prints one with every scope when it starts on an empty database; `polar-customers tokens create --org ORG_ID` issues more.",
        },
        pat: {
          type: "http",
          scheme: "bearer",
          description:
            "**Personal access token** (`polar_pat_…`), acting for a user in every organization they are a member of: `polar-customers tokens create --user USER_ID`. Send `organization_id` (or `Polar-Organization`) to pick one.",
        },
        oidc: {
          type: "http",
          scheme: "bearer",
          description: "OAuth2 access token, accepted in Polar's scheme list for compatibility; this server issues none.",
        },
      },
      schemas: collectComponents(Object.values(paths)),
    },
  };
}

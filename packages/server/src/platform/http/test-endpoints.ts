// Endpoints for test suites, under /v1/_test (a name Polar does not use).
// They exist only when the server is started with --enable-test-endpoints;
// otherwise the paths are plain 404s, so a production registry never offers
// them. POST /v1/_test/reset deletes the calling organization's data (every
// module's) and keeps the organization and its tokens, so each test can start
// clean on a shared server without touching other organizations.
// POST /v1/_test/clock/advance moves the calling organization's test clock
// forward (and runs what falls due); GET /v1/_test/clock reads it.
import type { FastifyInstance } from "fastify";
import { targetOrganization } from "../auth/organization.js";
import { assertRole, type AccessContext, type MemberRole } from "../auth/principal.js";
import { POLAR_SCOPES } from "../auth/scopes.js";
import { NotPermitted } from "../errors.js";
import type { KnownRoute } from "./fallbacks.js";

export interface TestEndpoints {
  /** Deletes every module's data of these organizations, in one transaction. */
  resetOrganizations(organizationIds: readonly string[]): Promise<void>;
  clock: {
    /** Validates the body (Polar-shaped 422s) and names the organization it asks for (null = the caller's only one). */
    parse(body: unknown): { organizationId: string | null; target: unknown };
    advance(organizationId: string, target: unknown): Promise<object>;
    read(organizationId: string): Promise<object>;
  };
}

export const TEST_ROUTES: readonly KnownRoute[] = [
  { method: "POST", path: "/v1/_test/reset" },
  { method: "POST", path: "/v1/_test/clock/advance" },
  { method: "GET", path: "/v1/_test/clock" },
];

/** Any token that may write something may reset its own organization. */
const WRITE_SCOPES = POLAR_SCOPES.filter((s) => s.endsWith(":write"));
/** A personal token resets only organizations where its user may administer. */
const RESETTING_ROLES: ReadonlySet<MemberRole> = new Set(["owner", "admin"]);

export function registerTestEndpoints(app: FastifyInstance, endpoints: TestEndpoints): void {
  app.post("/v1/_test/reset", { config: { scopes: WRITE_SCOPES } }, async (request, reply) => {
    const { access } = request;
    for (const id of access.organizationIds)
      assertRole(access, id, RESETTING_ROLES, () => new NotPermitted("Only owners and admins may reset an organization"));
    await endpoints.resetOrganizations(access.organizationIds);
    return reply.code(204).send();
  });

  app.post("/v1/_test/clock/advance", { config: { scopes: WRITE_SCOPES } }, async (request, reply) => {
    const { organizationId, target } = endpoints.clock.parse(request.body);
    const id = clockOrganization(request.access, organizationId);
    return reply.code(200).send(await endpoints.clock.advance(id, target));
  });

  app.get<{ Querystring: { organization_id?: string } }>(
    "/v1/_test/clock",
    { config: { scopes: POLAR_SCOPES } },
    async (request, reply) => {
      const requested = typeof request.query.organization_id === "string" ? request.query.organization_id : null;
      return reply.code(200).send(await endpoints.clock.read(targetOrganization(request.access, requested)));
    },
  );
}

/** The organization whose clock moves: the token's own, or one a personal token administers (named when it has several). */
function clockOrganization(access: AccessContext, requested: string | null): string {
  const id = targetOrganization(access, requested);
  assertRole(access, id, RESETTING_ROLES, () => new NotPermitted("Only owners and admins may move an organization's clock"));
  return id;
}

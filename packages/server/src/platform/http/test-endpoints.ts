// Endpoints for test suites, under /v1/_test (a name Polar does not use).
// They exist only when the server is started with --enable-test-endpoints;
// otherwise the paths are plain 404s, so a production registry never offers
// them. POST /v1/_test/reset deletes the calling organization's data (every
// module's) and keeps the organization and its tokens, so each test can start
// clean on a shared server without touching other organizations.
import type { FastifyInstance } from "fastify";
import { assertRole, type MemberRole } from "../auth/principal.js";
import { POLAR_SCOPES } from "../auth/scopes.js";
import { NotPermitted } from "../errors.js";
import type { KnownRoute } from "./fallbacks.js";

export interface TestEndpoints {
  /** Deletes every module's data of these organizations, in one transaction. */
  resetOrganizations(organizationIds: readonly string[]): Promise<void>;
}

export const TEST_ROUTES: readonly KnownRoute[] = [{ method: "POST", path: "/v1/_test/reset" }];

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
}

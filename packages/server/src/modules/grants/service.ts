// The grant listings: GET /v1/benefit-grants/ and GET /v1/benefits/{id}/grants.
// Grants themselves are created and revoked by keeper.ts, never by a request.
import type { AccessContext } from "../../platform/auth/principal.js";
import { readableOrganizations } from "../../platform/auth/organization.js";
import { ResourceNotFound } from "../../platform/errors.js";
import type { BenefitRecord, BenefitStore } from "../benefits/index.js";
import type { CustomerRecord, CustomerStore } from "../customers/index.js";
import type { GrantRecord } from "./model.js";
import type { GrantView } from "./responses.js";
import type { GrantStore, ListGrantsQuery } from "./store.js";

export interface GrantsDeps {
  grants: GrantStore;
  customers: Pick<CustomerStore, "findManyIncludingDeleted">;
  benefits: Pick<BenefitStore, "findById" | "findManyIncludingDeleted">;
}

export type GrantListParams = Omit<ListGrantsQuery, "organizationIds" | "benefitId"> & { organizationIds?: string[] };

export class GrantService {
  constructor(private readonly deps: GrantsDeps) {}

  /** Grants with their customers and benefits (deleted ones too: a revoked grant outlives both). */
  async views(grants: readonly GrantRecord[]): Promise<GrantView[]> {
    const [customers, benefits] = await Promise.all([
      this.deps.customers.findManyIncludingDeleted(grants.map((g) => g.customerId)),
      this.deps.benefits.findManyIncludingDeleted(grants.map((g) => g.benefitId)),
    ]);
    const customerById = new Map<string, CustomerRecord>(customers.map((c) => [c.id, c]));
    const benefitById = new Map<string, BenefitRecord>(benefits.map((b) => [b.id, b]));
    return grants.flatMap((grant) => {
      const customer = customerById.get(grant.customerId);
      const benefit = benefitById.get(grant.benefitId);
      return customer && benefit ? [{ grant, customer, benefit }] : [];
    });
  }

  async list(context: AccessContext, params: GrantListParams) {
    const page = await this.deps.grants.list({ ...params, organizationIds: readableOrganizations(context, params.organizationIds) });
    return { items: await this.views(page.items), totalCount: page.totalCount };
  }

  async listOfBenefit(context: AccessContext, benefitId: string, params: Omit<GrantListParams, "organizationIds">) {
    const benefit = await this.deps.benefits.findById(context.organizationIds, benefitId);
    if (!benefit) throw new ResourceNotFound();
    const page = await this.deps.grants.list({ ...params, organizationIds: [benefit.organizationId], benefitId });
    return { items: await this.views(page.items), totalCount: page.totalCount };
  }
}

// The meters rules: tenancy, the custom-unit rule, and archiving only what no
// active product or benefit still uses.

import { randomUUID } from "node:crypto";
import type { AccessContext } from "../../platform/auth/principal.js";
import { assertCanManage, readableOrganizations, targetOrganization } from "../../platform/auth/organization.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import { ResourceNotFound, ValidationFailed } from "../../platform/errors.js";
import { issue, type Issue } from "../../platform/schema/issues.js";
import type { MeterChanges, MeterRecord } from "./model.js";
import { unitProblem, type MeterCreate, type MeterUpdate } from "./requests.js";
import type { ListMetersQuery, MeterPage, MeterStore } from "./store.js";

/** Who else refers to meters; answered by the products and benefits stores. */
export interface MeterReferences {
  products: { meterUsedByActiveProduct(meterId: string): Promise<boolean> };
  benefits: { meterUsedByActiveBenefit(meterId: string): Promise<boolean> };
}

export type MeterListParams = Omit<ListMetersQuery, "organizationIds"> & { organizationIds?: string[] };

const MANAGE = "products";

export class MeterService {
  constructor(
    private readonly store: MeterStore,
    private readonly references: MeterReferences,
    private readonly clock: Clock = systemClock,
  ) {}

  list(context: AccessContext, params: MeterListParams): Promise<MeterPage> {
    return this.store.list({ ...params, organizationIds: readableOrganizations(context, params.organizationIds) });
  }

  async get(context: AccessContext, id: string): Promise<MeterRecord> {
    const meter = await this.store.findById(context.organizationIds, id);
    if (!meter) throw new ResourceNotFound();
    return meter;
  }

  async create(context: AccessContext, body: MeterCreate): Promise<MeterRecord> {
    const organizationId = targetOrganization(context, body.organization_id ?? null);
    assertCanManage(context, organizationId, MANAGE);
    return this.store.insert({
      id: randomUUID(),
      organizationId,
      createdAt: this.clock.now(organizationId),
      name: body.name!,
      unit: body.unit ?? "scalar",
      customLabel: body.custom_label ?? null,
      customMultiplier: body.custom_multiplier ?? null,
      filter: body.filter!,
      aggregation: body.aggregation!,
      metadata: body.metadata ?? {},
    });
  }

  /** Explicit nulls leave a field as it is (Polar would write them into NOT NULL columns). */
  async update(context: AccessContext, meter: MeterRecord, body: MeterUpdate): Promise<MeterRecord> {
    assertCanManage(context, meter.organizationId, MANAGE);
    const changes: MeterChanges = {};
    if (body.name != null) changes.name = body.name;
    if (body.unit != null) changes.unit = body.unit;
    if ("custom_label" in body) changes.customLabel = body.custom_label ?? null;
    if ("custom_multiplier" in body) changes.customMultiplier = body.custom_multiplier ?? null;
    if (body.filter != null) changes.filter = body.filter;
    if (body.aggregation != null) changes.aggregation = body.aggregation;
    if (body.metadata !== undefined) changes.metadata = body.metadata;

    const problems: Issue[] = [];
    if (changes.unit !== undefined || changes.customLabel !== undefined) {
      const problem = unitProblem(changes.unit ?? meter.unit, changes.customLabel === undefined ? meter.customLabel : changes.customLabel);
      if (problem) problems.push(issue("value_error", ["body"], problem, body));
    }
    if (body.is_archived === true && meter.archivedAt === null) {
      if (await this.references.products.meterUsedByActiveProduct(meter.id)) {
        problems.push(
          issue("value_error", ["body", "is_archived"], "Cannot archive meter that is still attached to active products", true),
        );
      } else if (await this.references.benefits.meterUsedByActiveBenefit(meter.id)) {
        problems.push(
          issue("value_error", ["body", "is_archived"], "Cannot archive meter that is still referenced by active benefits", true),
        );
      } else {
        changes.archivedAt = this.clock.now(meter.organizationId);
      }
    }
    if (body.is_archived === false && meter.archivedAt !== null) changes.archivedAt = null;
    if (problems.length > 0) throw new ValidationFailed(problems);

    if (Object.keys(changes).length === 0) return meter;
    changes.modifiedAt = this.clock.now(meter.organizationId);
    const updated = await this.store.update(meter.id, changes);
    if (!updated) throw new ResourceNotFound();
    return updated;
  }
}

// The benefits rules: tenancy, per-type visibility, meter_credit's meter
// reference, soft deletion (which also detaches the benefit from products).
// Side effects of discord, github_repository, downloadables and license_keys
// benefits (calls to Discord/GitHub, files, keys) are out of scope: those
// benefits are stored and returned with their properties only.

import { randomUUID } from "node:crypto";
import type { AccessContext } from "../../platform/auth/principal.js";
import { assertCanManage, readableOrganizations, targetOrganization } from "../../platform/auth/organization.js";
import type { Cascading } from "../../platform/cascade.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import { ResourceNotFound, ValidationFailed } from "../../platform/errors.js";
import { issue, type Issue } from "../../platform/schema/issues.js";
import type { MeterStore } from "../meters/index.js";
import {
  VISIBILITY_CONFIGURABLE,
  defaultVisibility,
  type BenefitChanges,
  type BenefitProperties,
  type BenefitRecord,
  type BenefitType,
  type BenefitVisibility,
} from "./model.js";
import type { BenefitCreate, BenefitUpdate } from "./requests.js";
import { benefitResponse } from "./responses.js";
import type { EventSink } from "../../platform/events.js";
import type { BenefitPage, BenefitStore, ListBenefitsQuery } from "./store.js";

/** What deleting a benefit needs from the products module (which owns the product–benefit links). */
export interface BenefitAttachments {
  detachBenefit(benefitId: string): Promise<void>;
}

export interface BenefitsDeps {
  benefits: BenefitStore;
  meters: Pick<MeterStore, "findMany">;
  /** One transaction: a change, what hangs off it, and its benefit.created/updated event commit together (platform/events.ts). */
  transaction<T>(work: (tx: { benefits: BenefitStore; products: BenefitAttachments; outbox: EventSink }) => Promise<T>): Promise<T>;
  clock?: Clock;
  /** Deletion with what later modules do about it (every grant revoked), in one transaction; without it, `transaction`. */
  benefitDeletion?: Cascading<{ benefits: BenefitStore; products: BenefitAttachments; outbox: EventSink }, BenefitRecord>;
}

export type BenefitListParams = Omit<ListBenefitsQuery, "organizationIds"> & { organizationIds?: string[] };

const MANAGE = "products";

export class BenefitService {
  private readonly clock: Clock;

  constructor(private readonly deps: BenefitsDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  private get store() {
    return this.deps.benefits;
  }

  list(context: AccessContext, params: BenefitListParams): Promise<BenefitPage> {
    return this.store.list({ ...params, organizationIds: readableOrganizations(context, params.organizationIds) });
  }

  async get(context: AccessContext, id: string): Promise<BenefitRecord> {
    const benefit = await this.store.findById(context.organizationIds, id);
    if (!benefit) throw new ResourceNotFound();
    return benefit;
  }

  async create(context: AccessContext, body: BenefitCreate): Promise<BenefitRecord> {
    const organizationId = targetOrganization(context, body.organization_id);
    assertCanManage(context, organizationId, MANAGE);
    if (body.type === "slack_shared_channel") {
      // An organization feature Polar has to switch on; this server has no way to, so it is never enabled.
      throw new ValidationFailed([
        issue("value_error", ["body", "type"], "Slack shared channel benefit is not enabled for this organization.", body.type),
      ]);
    }
    const properties = await this.checkedProperties(organizationId, body.type, body.properties);
    const now = this.clock.now(organizationId);
    return this.emitting("benefit.created", now, (tx) =>
      tx.benefits.insert({
        id: randomUUID(),
        organizationId,
        createdAt: now,
        type: body.type,
        description: body.description,
        visibility: this.checkedVisibility(body.type, body.visibility),
        metadata: body.metadata,
        properties,
      }),
    );
  }

  private emitting(
    type: "benefit.created" | "benefit.updated",
    at: Date,
    write: (tx: { benefits: BenefitStore }) => Promise<BenefitRecord | undefined>,
  ): Promise<BenefitRecord> {
    return this.deps.transaction(async (tx) => {
      const benefit = await write(tx);
      if (!benefit) throw new ResourceNotFound();
      await tx.outbox.record({ type, organizationId: benefit.organizationId, occurredAt: at, data: benefitResponse.serialize(benefit) });
      return benefit;
    });
  }

  /** Only keys present are written; an explicit null description is a no-op (Polar would write it into a NOT NULL column). */
  async update(context: AccessContext, benefit: BenefitRecord, body: BenefitUpdate): Promise<BenefitRecord> {
    assertCanManage(context, benefit.organizationId, MANAGE);
    if (body.type !== benefit.type) {
      // Polar echoes the stored type as the input.
      throw new ValidationFailed([issue("value_error", ["body", "type"], "Benefit type cannot be changed.", benefit.type)]);
    }
    const changes: BenefitChanges = {};
    if ("visibility" in body) changes.visibility = this.checkedVisibility(benefit.type, body.visibility ?? null);
    if (body.properties != null) changes.properties = await this.checkedProperties(benefit.organizationId, benefit.type, body.properties);
    if (body.description != null) changes.description = body.description;
    if (body.metadata !== undefined) changes.metadata = body.metadata;
    if (Object.keys(changes).length === 0) return benefit;
    changes.modifiedAt = this.clock.now(benefit.organizationId);
    return this.emitting("benefit.updated", changes.modifiedAt, (tx) => tx.benefits.update(benefit, changes));
  }

  /** Soft-deletes the benefit, detaches it from every product and (through the cascade) revokes its grants, atomically. */
  async delete(context: AccessContext, benefit: BenefitRecord): Promise<void> {
    assertCanManage(context, benefit.organizationId, MANAGE);
    const now = this.clock.now(benefit.organizationId);
    const cascading = this.deps.benefitDeletion ?? ((work) => this.deps.transaction((tx) => work(tx, async () => {})));
    await cascading(async (tx, cascade) => {
      const deleted = await tx.benefits.update(benefit, { deletedAt: now, modifiedAt: now });
      if (!deleted) throw new ResourceNotFound();
      await tx.products.detachBenefit(benefit.id);
      await cascade(deleted, now);
    });
  }

  private checkedVisibility(type: BenefitType, requested: BenefitVisibility | null): BenefitVisibility {
    if (requested === null) return defaultVisibility(type);
    if (!VISIBILITY_CONFIGURABLE.has(type) && requested !== "public") {
      throw new ValidationFailed([
        issue("value_error", ["body", "visibility"], "Visibility is not configurable for this benefit type and must be public.", requested),
      ]);
    }
    return requested;
  }

  private async checkedProperties(organizationId: string, type: BenefitType, properties: BenefitProperties): Promise<BenefitProperties> {
    const problems: Issue[] = [];
    if (type === "meter_credit") {
      const meterId = properties.meter_id as string;
      const [meter] = await this.deps.meters.findMany([organizationId], [meterId]);
      if (!meter) problems.push(issue("value_error", ["body", "properties", "meter_id"], "This meter does not exist.", meterId));
    }
    if (problems.length > 0) throw new ValidationFailed(problems);
    // Discord derives the guild from its bot token through Discord; without that integration the guild is unknown.
    if (type === "discord") return { guild_id: properties.guild_id ?? "", ...properties };
    return properties;
  }
}

// Granting, revoking and cycling benefit grants: what happens to a customer's
// benefits when a subscription starts, ends, renews or changes product, when a
// product's benefits change and when a benefit is deleted. Every function runs
// on the stores of the caller's transaction, so the grants commit (or not)
// together with the change that caused them.
//
// custom and feature_flag grants have no side effect; meter_credit grants
// credit the benefit's units to the customer's meter through the MeterLedger
// port (no ledger wired → the grant is recorded without crediting).

import { randomUUID } from "node:crypto";
import type { BenefitRecord, BenefitStore, MeterCreditProperties } from "../benefits/index.js";
import type { GrantRecord, MeterCreditGrantProperties, MeterLedger } from "./model.js";
import type { GrantStore } from "./store.js";
import { recordStateChanged, type EventSink } from "../../platform/events.js";

export interface GrantUnit {
  grants: GrantStore;
  benefits: Pick<BenefitStore, "findMany">;
  ledger?: MeterLedger;
  /** Where benefit_grant.* and customer.state_changed go, on the same transaction (absent: none are sent). */
  outbox?: EventSink;
}

export const GRANT_EVENT_TYPES = ["benefit_grant.created", "benefit_grant.revoked", "benefit_grant.cycled"] as const;
type GrantEventType = (typeof GRANT_EVENT_TYPES)[number];

/** A grant webhook (the grant as it is when sent, as Polar reloads it) and the state change it makes. */
async function grantEvents(unit: GrantUnit, type: GrantEventType, grant: GrantRecord, at: Date): Promise<void> {
  if (!unit.outbox) return;
  const { organizationId, customerId } = grant;
  await unit.outbox.recordDeferred({ type, organizationId, occurredAt: at, subjectId: grant.id, debounceKey: `${type}:${randomUUID()}` });
  await recordStateChanged(unit.outbox, organizationId, customerId, at);
}

/** Who a subscription's grants go to. */
export interface GrantHolder {
  organizationId: string;
  customerId: string;
  subscriptionId: string;
}

const creditOf = (benefit: BenefitRecord): MeterCreditProperties | null =>
  benefit.type === "meter_credit" ? (benefit.properties as unknown as MeterCreditProperties) : null;

const lastCredit = (grant: GrantRecord): MeterCreditGrantProperties | null =>
  typeof grant.properties.last_credited_units === "number" && typeof grant.properties.last_credited_meter_id === "string"
    ? (grant.properties as unknown as MeterCreditGrantProperties)
    : null;

const creditRecord = (credit: MeterCreditProperties, at: Date): MeterCreditGrantProperties => ({
  last_credited_meter_id: credit.meter_id,
  last_credited_units: credit.units,
  last_credited_at: at.toISOString(),
});

async function grantOne(unit: GrantUnit, holder: GrantHolder, benefit: BenefitRecord, at: Date): Promise<void> {
  const row = await unit.grants.ensure({ ...holder, benefitId: benefit.id }, randomUUID(), at);
  if (row.grantedAt !== null) return;
  const credit = unit.ledger ? creditOf(benefit) : null;
  const properties = credit ? { ...creditRecord(credit, at) } : {};
  // The conditional update is the claim: of two concurrent grants only one credits.
  const granted = await unit.grants.markGranted(row.id, at, properties);
  if (granted) await grantEvents(unit, "benefit_grant.created", granted, at);
  if (granted && credit && unit.ledger) {
    await unit.ledger.credit({ ...ledgerTarget(holder), meterId: credit.meter_id, units: credit.units, rollover: credit.rollover, at });
  }
}

const ledgerTarget = (g: { organizationId: string; customerId: string }) => ({
  organizationId: g.organizationId,
  customerId: g.customerId,
});

/**
 * Revokes one grant. Its meter credit is taken back only when no other grant
 * of the benefit remains granted to the customer (Polar's rule), unless
 * `unconditionally` (benefit deletion).
 */
async function revokeOne(unit: GrantUnit, grant: GrantRecord, at: Date, unconditionally: boolean): Promise<void> {
  const revoked = await unit.grants.markRevoked(grant.id, at);
  if (revoked) await grantEvents(unit, "benefit_grant.revoked", revoked, at);
  if (!revoked || !unit.ledger) return;
  const credit = lastCredit(revoked);
  if (credit === null) return;
  if (!unconditionally && (await unit.grants.customerHoldsBenefit(revoked.customerId, revoked.benefitId))) return;
  await unit.ledger.credit({
    ...ledgerTarget(revoked),
    meterId: credit.last_credited_meter_id,
    units: -credit.last_credited_units,
    rollover: false,
    at,
  });
}

/**
 * Makes the subscription's granted benefits exactly `benefitIds` (the
 * product's, when the subscription is trialing/active; none otherwise).
 */
export async function syncSubscriptionGrants(unit: GrantUnit, holder: GrantHolder, benefitIds: readonly string[], at: Date): Promise<void> {
  const wanted = new Set(benefitIds);
  for (const grant of await unit.grants.grantedOfSubscription(holder.subscriptionId)) {
    if (!wanted.has(grant.benefitId)) await revokeOne(unit, grant, at, false);
  }
  if (wanted.size === 0) return;
  const benefits = await unit.benefits.findMany([holder.organizationId], [...wanted]);
  const byId = new Map(benefits.map((b) => [b.id, b]));
  for (const id of benefitIds) {
    const benefit = byId.get(id);
    if (benefit) await grantOne(unit, holder, benefit, at);
  }
}

/** A renewal: meter_credit grants credit their units again, after a reset unless one happened since the last credit. */
export async function cycleSubscriptionGrants(unit: GrantUnit, subscriptionId: string, at: Date): Promise<void> {
  const grants = await unit.grants.grantedOfSubscription(subscriptionId);
  // Every grant is cycled at a renewal (custom and feature_flag: nothing but the webhook).
  for (const grant of grants) await grantEvents(unit, "benefit_grant.cycled", grant, at);
  const ledger = unit.ledger;
  if (!ledger || grants.length === 0) return;
  const benefits = new Map(
    (
      await unit.benefits.findMany(
        [grants[0].organizationId],
        grants.map((g) => g.benefitId),
      )
    ).map((b) => [b.id, b]),
  );
  for (const grant of grants) {
    const benefit = benefits.get(grant.benefitId);
    const credit = benefit ? creditOf(benefit) : null;
    if (!credit) continue;
    const previous = lastCredit(grant);
    const target = { ...ledgerTarget(grant), meterId: credit.meter_id };
    const lastReset = await ledger.lastReset({ customerId: grant.customerId, meterId: credit.meter_id });
    // The reset before the previous credit does not count: only one after it (a metered price's reset at this renewal) does.
    if (previous === null || lastReset === null || lastReset.getTime() <= Date.parse(previous.last_credited_at)) {
      await ledger.reset({ ...target, at });
    }
    await ledger.credit({ ...target, units: credit.units, rollover: credit.rollover, at });
    await unit.grants.setProperties(grant.id, at, { ...creditRecord(credit, at) });
  }
}

/** Benefit deletion: every granted grant of it is revoked, each meter credit taken back. */
export async function revokeBenefitGrants(unit: GrantUnit, benefitId: string, at: Date): Promise<void> {
  for (const grant of await unit.grants.grantedOfBenefit(benefitId)) await revokeOne(unit, grant, at, true);
}

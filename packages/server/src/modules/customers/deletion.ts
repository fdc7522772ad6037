// Soft deletion and anonymisation, as Polar does them.

import { createHash } from "node:crypto";
import { pythonIsoFormat } from "../../platform/schema/datetime.js";
import type { CustomerChanges, CustomerRecord } from "./model.js";

export const ANONYMIZED_EMAIL_DOMAIN = "anonymized.polar.sh";

/** Marks the customer deleted and frees its external id, remembering it in metadata. */
export function softDeleteChanges(customer: CustomerRecord, now: Date): CustomerChanges {
  const changes: CustomerChanges = { deletedAt: now };
  if (customer.externalId !== null) {
    changes.externalId = null;
    changes.metadata = { ...customer.metadata, __external_id: customer.externalId };
  }
  return changes;
}

const isAnonymized = (c: CustomerRecord) => "__anonymized_at" in c.metadata || (c.email?.endsWith(`@${ANONYMIZED_EMAIL_DOMAIN}`) ?? false);

/** Replaces personal data with salted hashes; businesses (with a tax id) keep their name. Idempotent. */
export function anonymizedChanges(customer: CustomerRecord, now: Date): CustomerChanges {
  if (isAnonymized(customer)) return {};
  const salt = pythonIsoFormat(customer.createdAt);
  const hash = (value: string) =>
    createHash("sha256")
      .update(salt + value, "utf8")
      .digest("hex");
  const changes: CustomerChanges = {
    emailVerified: false,
    billingAddress: null,
    metadata: { ...customer.metadata, __anonymized_at: pythonIsoFormat(now) },
  };
  if (customer.email !== null) changes.email = `${hash(customer.email)}@${ANONYMIZED_EMAIL_DOMAIN}`;
  if (customer.name !== null && customer.taxId === null) changes.name = hash(customer.name);
  if (customer.billingName !== null) changes.billingName = hash(customer.billingName);
  return changes;
}

// What the composition calls when a customer is created: a customer whose
// external id already has events gets its meter rows (every non-archived meter
// of its organization), as Polar recomputes that customer's meters.

import type { CustomerRecord } from "../customers/index.js";
import { ensureCustomerMeters, type MeterRowStores } from "../events/index.js";

export async function onCustomerCreated(
  stores: MeterRowStores,
  customer: Pick<CustomerRecord, "id" | "organizationId" | "externalId" | "createdAt">,
): Promise<void> {
  if (customer.externalId === null) return;
  await ensureCustomerMeters(stores, { organizationId: customer.organizationId, customerId: customer.id, at: customer.createdAt });
}

// Builders for the customers storage cases.
import { randomUUID } from "node:crypto";
import type { CustomerRecord, NewCustomer } from "../../index.js";
import type { Storage } from "../../../../storage.js";
import { tick } from "../../../../../test/support/fixtures.js";

export { newOrg, tick } from "../../../../../test/support/fixtures.js";

export function customer(organizationId: string, overrides: Partial<NewCustomer> = {}): NewCustomer {
  return {
    id: randomUUID(),
    organizationId,
    createdAt: tick(),
    email: null,
    type: "individual",
    name: null,
    billingName: null,
    billingAddress: null,
    taxId: null,
    locale: null,
    externalId: null,
    metadata: {},
    ...overrides,
  };
}

export async function insertMany(storage: Storage, list: NewCustomer[]): Promise<CustomerRecord[]> {
  const out: CustomerRecord[] = [];
  for (const c of list) out.push(await storage.customers.insert(c));
  return out;
}

export const ids = (items: readonly { id: string }[]) => items.map((c) => c.id);

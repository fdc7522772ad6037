// Builders shared by the storage contract cases.
import { randomUUID } from "node:crypto";
import type { CustomerRecord, NewCustomer, OrganizationRecord, Storage } from "../../src/storage/types.js";

let clock = Date.UTC(2024, 0, 1, 0, 0, 0, 1);

/** Strictly increasing, millisecond-precise timestamps so created_at order is predictable. */
export function tick(): Date {
  clock += 1001;
  return new Date(clock);
}

export async function newOrg(storage: Storage, extra: Partial<OrganizationRecord> = {}): Promise<OrganizationRecord> {
  const id = randomUUID();
  return storage.auth.createOrganization({ id, name: `Org ${id.slice(0, 8)}`, slug: `org-${id}`, createdAt: tick(), ...extra });
}

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

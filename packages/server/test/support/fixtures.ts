// Builders every storage case uses: organizations and predictable times.
import { randomUUID } from "node:crypto";
import type { OrganizationRecord } from "../../src/modules/accounts/index.js";
import type { Storage } from "../../src/storage.js";

let clock = Date.UTC(2024, 0, 1, 0, 0, 0, 1);

/** Strictly increasing, millisecond-precise timestamps so created_at order is predictable. */
export function tick(): Date {
  clock += 1001;
  return new Date(clock);
}

export async function newOrg(storage: Storage, extra: Partial<OrganizationRecord> = {}): Promise<OrganizationRecord> {
  const id = randomUUID();
  return storage.accounts.createOrganization({ id, name: `Org ${id.slice(0, 8)}`, slug: `org-${id}`, createdAt: tick(), ...extra });
}

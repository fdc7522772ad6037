// The customer-meters endpoints: tenancy (any role may read), filters, and
// sorting, also by the computed numbers (those lists compute every matching
// row before paging).

import type { AccessContext } from "../../platform/auth/principal.js";
import { readableOrganizations } from "../../platform/auth/organization.js";
import { ResourceNotFound } from "../../platform/errors.js";
import type { SortKey } from "../../platform/schema/list-query.js";
import type { CustomerRecord, CustomerStore } from "../customers/index.js";
import type { CustomerMeterState } from "./model.js";
import { withNumbers, type ReaderStores } from "./reader.js";
import type { CustomerMeterView } from "./responses.js";
import type { CustomerMeterFilter, ListedCustomerMeter, StoredSortField } from "./store.js";

export type CustomerMeterSortField = StoredSortField | "consumed_units" | "credited_units" | "balance";

export interface CustomerMetersDeps extends ReaderStores {
  customers: CustomerStore;
}

export interface CustomerMeterListParams extends Omit<CustomerMeterFilter, "organizationIds"> {
  organizationIds?: string[];
  sorting: SortKey<CustomerMeterSortField>[];
  limit: number;
  offset: number;
}

const COMPUTED: ReadonlySet<CustomerMeterSortField> = new Set(["consumed_units", "credited_units", "balance"]);

type Listed = ListedCustomerMeter & CustomerMeterState;

/** PostgreSQL's order (Polar's): nulls last ascending, first descending. */
function compareBy(key: SortKey<CustomerMeterSortField>, a: Listed, b: Listed): number {
  const value = (row: Listed): string | number | null => {
    switch (key.field) {
      case "created_at":
        return row.createdAt.getTime();
      case "modified_at":
        return row.modifiedAt?.getTime() ?? null;
      case "customer_id":
        return row.customerId;
      case "customer_name":
        return row.customerName;
      case "meter_id":
        return row.meterId;
      case "meter_name":
        return row.meterName;
      case "consumed_units":
        return row.consumedUnits;
      case "credited_units":
        return row.creditedUnits;
      case "balance":
        return row.balance;
    }
  };
  const [x, y] = [value(a), value(b)];
  if (x === y) return 0;
  if (x === null) return key.descending ? -1 : 1;
  if (y === null) return key.descending ? 1 : -1;
  const order = x < y ? -1 : 1;
  return key.descending ? -order : order;
}

export class CustomerMeterService {
  constructor(private readonly deps: CustomerMetersDeps) {}

  async list(context: AccessContext, params: CustomerMeterListParams): Promise<{ items: CustomerMeterView[]; totalCount: number }> {
    const organizationIds = readableOrganizations(context, params.organizationIds);
    const filter: CustomerMeterFilter = { ...params, organizationIds };
    const computed = params.sorting.some((k) => COMPUTED.has(k.field));
    if (!computed) {
      const page = await this.deps.customerMeters.list(filter, params.sorting as SortKey<StoredSortField>[], params);
      return { items: await this.views(organizationIds, await this.numbers(organizationIds, page.items)), totalCount: page.totalCount };
    }
    const all = await this.numbers(organizationIds, (await this.deps.customerMeters.list(filter, [])).items);
    const last = params.sorting[params.sorting.length - 1];
    all.sort((a, b) => {
      for (const key of params.sorting) {
        const order = compareBy(key, a, b);
        if (order !== 0) return order;
      }
      return (a.id < b.id ? -1 : 1) * (last.descending ? -1 : 1);
    });
    const page = all.slice(params.offset, params.offset + params.limit);
    return { items: await this.views(organizationIds, page), totalCount: all.length };
  }

  async get(context: AccessContext, id: string): Promise<CustomerMeterView> {
    const row = await this.deps.customerMeters.findById(context.organizationIds, id);
    const customer = row && (await this.deps.customers.findById([row.organizationId], row.customerId));
    if (!row || !customer) throw new ResourceNotFound();
    const { states, meters } = await withNumbers(this.deps, [row.organizationId], [row], new Map([[customer.id, customer]]));
    const meter = meters.get(row.meterId);
    if (!meter) throw new ResourceNotFound();
    return { state: states[0], customer, meter };
  }

  private async numbers(organizationIds: readonly string[], rows: readonly ListedCustomerMeter[]): Promise<Listed[]> {
    const customers = new Map(
      rows.map((r) => [r.customerId, { id: r.customerId, organizationId: r.organizationId, externalId: r.customerExternalId }]),
    );
    const { states } = await withNumbers(this.deps, organizationIds, rows, customers);
    return states.map((state, i) => ({ ...rows[i], ...state }));
  }

  private async views(organizationIds: readonly string[], rows: readonly Listed[]): Promise<CustomerMeterView[]> {
    const meters = new Map(
      (await this.deps.meters.findMany(organizationIds, [...new Set(rows.map((r) => r.meterId))])).map((m) => [m.id, m]),
    );
    const customers = new Map<string, CustomerRecord>();
    for (const row of rows) {
      if (customers.has(row.customerId)) continue;
      const customer = await this.deps.customers.findById([row.organizationId], row.customerId);
      if (customer) customers.set(customer.id, customer);
    }
    return rows.flatMap((state) => {
      const customer = customers.get(state.customerId);
      const meter = meters.get(state.meterId);
      return customer && meter ? [{ state, customer, meter }] : [];
    });
  }
}

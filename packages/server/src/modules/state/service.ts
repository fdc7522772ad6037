// Customer state (§7), computed fresh on every read: the customer, its
// trialing/active subscriptions with their meters, its granted benefits and
// its customer meters. One lookup for the customer, then the three parts in
// parallel, each one indexed query (meters through the usage port).
import type { AccessContext } from "../../platform/auth/principal.js";
import type { Clock } from "../../platform/clock.js";
import { CustomerService, type CustomerRecord, type CustomerStore } from "../customers/index.js";
import type { GrantStore } from "../grants/index.js";
import { meterUsage, type SubscriptionStore, type UsageReader } from "../subscriptions/index.js";
import type { CustomerStateView } from "./responses.js";

export interface StateDeps {
  customers: CustomerStore;
  subscriptions: Pick<SubscriptionStore, "activeOfCustomer">;
  grants: Pick<GrantStore, "stateOfCustomer">;
  usage?: UsageReader;
  clock?: Clock;
}

export class StateService {
  private readonly customers: CustomerService;

  constructor(private readonly deps: StateDeps) {
    this.customers = new CustomerService(deps.customers, deps.clock);
  }

  async stateOf(customer: CustomerRecord): Promise<CustomerStateView> {
    const { usage } = this.deps;
    const target = { id: customer.id, organizationId: customer.organizationId, externalId: customer.externalId };
    const [subscriptions, grants, meters] = await Promise.all([
      this.deps.subscriptions.activeOfCustomer(customer.id),
      this.deps.grants.stateOfCustomer(customer.id),
      usage ? usage.activeMeters(target) : Promise.resolve([]),
    ]);
    // Without a usage reader every meter reads zero: no need to wait on anything.
    const withMeters = usage
      ? await Promise.all(
          subscriptions.map(async (subscription) => ({ subscription, meters: await meterUsage(usage, subscription, customer) })),
        )
      : subscriptions.map((subscription) => ({
          subscription,
          meters: subscription.meters.map((record) => ({ record, consumedUnits: 0, meter: undefined })),
        }));
    return { customer, subscriptions: withMeters, grants, meters };
  }

  async get(context: AccessContext, id: string): Promise<CustomerStateView> {
    return this.stateOf(await this.customers.get(context, id));
  }

  async getByExternalId(context: AccessContext, externalId: string): Promise<CustomerStateView> {
    return this.stateOf(await this.customers.getByExternalId(context, externalId));
  }
}

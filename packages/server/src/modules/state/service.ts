// Customer state (§7), computed fresh on every read: the customer, its
// trialing/active subscriptions with their meters, its granted benefits and
// its customer meters. One lookup for the customer, then the three parts in
// parallel: subscriptions and grants one prepared query each, usage (through
// the port) one read of the customer's meters, ledger and events for all its
// meters and subscription windows.
import type { AccessContext } from "../../platform/auth/principal.js";
import type { Clock } from "../../platform/clock.js";
import { CustomerService, type CustomerRecord, type CustomerStore } from "../customers/index.js";
import type { GrantStore } from "../grants/index.js";
import { meterWindows, withConsumed, type SubscriptionStore, type UsageReader } from "../subscriptions/index.js";
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
    const active = this.deps.subscriptions.activeOfCustomer(customer.id);
    // The usage read starts with the subscriptions: it loads the customer's rows and ledger while they come.
    const [subscriptions, grants, read] = await Promise.all([
      active,
      this.deps.grants.stateOfCustomer(customer.id),
      usage ? usage.customerUsage(target, active.then(meterWindows)) : undefined,
    ]);
    // Without a usage reader every meter reads zero.
    const meters = withConsumed(subscriptions, read?.consumed);
    return {
      customer,
      subscriptions: subscriptions.map((subscription, i) => ({ subscription, meters: meters[i] })),
      grants,
      meters: read?.activeMeters ?? [],
    };
  }

  async get(context: AccessContext, id: string): Promise<CustomerStateView> {
    return this.stateOf(await this.customers.get(context, id));
  }

  async getByExternalId(context: AccessContext, externalId: string): Promise<CustomerStateView> {
    return this.stateOf(await this.customers.getByExternalId(context, externalId));
  }
}

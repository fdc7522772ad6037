// The webhooks module: Polar's /v1/webhooks endpoints, the outbox that
// receives the domain events of every unit of work, and the dispatcher that
// delivers them, signed, from inside `serve`.
import { systemClock, type Clock } from "../../platform/clock.js";
import type { DeferredEventRenderer } from "../../platform/events.js";
import { defineModule } from "../../platform/module.js";
import { startDispatcher } from "./dispatcher.js";
import { webhooksMigrations } from "./migrations.js";
import { webhookOperations } from "./operations.js";
import { outboxSink } from "./outbox.js";
import { WebhookService } from "./service.js";
import { webhookSettings, type WebhookSettingsInput } from "./settings.js";
import type { WebhookStore } from "./store.js";
import { KyselyWebhookStore } from "./store-kysely.js";

export interface WebhooksDeps {
  webhooks: WebhookStore;
  clock?: Clock;
  webhookSettings?: WebhookSettingsInput;
  /** What the other modules render deferred events with (e.g. customer.state_changed). */
  deferredEventRenderers?: Readonly<Record<string, DeferredEventRenderer>>;
  /** Where the dispatcher reports what an operator should know (an endpoint disabled). */
  log?: (message: string) => void;
}

const stderrLog = (message: string) => void process.stderr.write(`polar-customers: ${message}\n`);

export const webhooksModule = defineModule({
  name: "webhooks",
  migrations: webhooksMigrations,
  store: (context): WebhookStore => new KyselyWebhookStore(context),
  outbox: (store) => outboxSink(store),
  services: (deps: WebhooksDeps) => ({
    webhooks: new WebhookService(deps.webhooks, webhookSettings(deps.webhookSettings), deps.clock ?? systemClock),
  }),
  operations: webhookOperations,
  background: (deps: WebhooksDeps) => {
    const clock = deps.clock ?? systemClock;
    return startDispatcher({
      store: deps.webhooks,
      settings: webhookSettings(deps.webhookSettings),
      renderers: deps.deferredEventRenderers ?? {},
      now: () => clock.now(),
      log: deps.log ?? stderrLog,
    });
  },
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
});

export { webhookSettings, DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings, type WebhookSettingsInput } from "./settings.js";
export { sign, deliveryHeaders } from "./signing.js";
export type { DeliveryRecord, EndpointRecord } from "./model.js";
export { MAX_ATTEMPTS } from "./model.js";
export type { TailedDelivery } from "./store.js";
export { WebhookService } from "./service.js";
export { endpointCreate } from "./requests.js";
export { endpointResponse } from "./responses.js";

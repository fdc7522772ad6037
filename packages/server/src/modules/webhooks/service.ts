// The webhook endpoints rules: who may manage them (owners and admins, as on
// Polar), the URL policy, secrets, soft deletion; the delivery log and
// redelivery.
import { randomUUID } from "node:crypto";
import { targetOrganization, readableOrganizations } from "../../platform/auth/organization.js";
import { assertRole, type AccessContext, type MemberRole } from "../../platform/auth/principal.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import { NotPermitted, ResourceNotFound, ValidationFailed } from "../../platform/errors.js";
import { issue } from "../../platform/schema/issues.js";
import type { DeliveryRecord, EndpointChanges, EndpointRecord } from "./model.js";
import type { EndpointCreate, EndpointUpdate } from "./requests.js";
import type { WebhookSettings } from "./settings.js";
import { generateSecret } from "./signing.js";
import type { ListDeliveriesQuery, Page, WebhookStore } from "./store.js";
import { checkUrl } from "./urls.js";

/** Polar's `organization:manage` permission. */
const MANAGING_ROLES: ReadonlySet<MemberRole> = new Set(["owner", "admin"]);

export type DeliveryListParams = Omit<ListDeliveriesQuery, "organizationIds">;

export class WebhookService {
  constructor(
    private readonly store: WebhookStore,
    private readonly settings: WebhookSettings,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The organizations whose webhooks the caller may see at all: members and finance users see none. */
  private manageable(context: AccessContext, requested?: readonly string[]): readonly string[] {
    const { principal } = context;
    const ids = readableOrganizations(context, requested);
    if (principal.kind === "organization") return ids;
    return ids.filter((id) => MANAGING_ROLES.has(principal.roles.get(id)!));
  }

  /** Polar's rule, when the server is set to apply it. */
  private checkedUrl(url: string, field: string): string {
    if (!this.settings.publicUrlsOnly) return url;
    const checked = checkUrl(url, { publicOnly: true }, ["body", field]);
    if ("issue" in checked) throw new ValidationFailed([checked.issue], "RequestValidationError");
    return checked.url;
  }

  listEndpoints(
    context: AccessContext,
    organizationIds: string[] | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<EndpointRecord>> {
    return this.store.listEndpoints(this.manageable(context, organizationIds), limit, offset);
  }

  async getEndpoint(context: AccessContext, id: string): Promise<EndpointRecord> {
    const endpoint = await this.store.findEndpoint(this.manageable(context), id);
    if (!endpoint) throw new ResourceNotFound();
    return endpoint;
  }

  createEndpoint(context: AccessContext, body: EndpointCreate): Promise<EndpointRecord> {
    const url = this.checkedUrl(body.url, "url");
    const organizationId = targetOrganization(context, body.organization_id);
    assertRole(context, organizationId, MANAGING_ROLES, () => new NotPermitted("You don't have permission to manage the organization"));
    return this.store.insertEndpoint({
      id: randomUUID(),
      organizationId,
      createdAt: this.clock.now(organizationId),
      url,
      name: body.name,
      format: body.format,
      secret: body.secret ?? generateSecret(),
      events: body.events,
    });
  }

  /** Only keys present and not null are applied (`{}` changes nothing). */
  async updateEndpoint(context: AccessContext, id: string, body: EndpointUpdate): Promise<EndpointRecord> {
    const endpoint = await this.getEndpoint(context, id);
    const changes: EndpointChanges = {};
    if (body.url != null) changes.url = this.checkedUrl(body.url, "url");
    if (body.name != null) changes.name = body.name;
    if (body.format != null) changes.format = body.format;
    if (body.events != null) changes.events = body.events;
    if (body.secret != null) changes.secret = body.secret;
    if (body.enabled != null) {
      if (
        body.enabled &&
        !endpoint.enabled &&
        this.settings.publicUrlsOnly &&
        "issue" in checkUrl(changes.url ?? endpoint.url, { publicOnly: true }, [])
      ) {
        throw new ValidationFailed([
          issue(
            "value_error",
            ["body", "enabled"],
            "Cannot enable a webhook endpoint with an invalid URL. Please update the URL first.",
            true,
          ),
        ]);
      }
      changes.enabled = body.enabled;
    }
    if (Object.keys(changes).length === 0) return endpoint;
    return this.apply(endpoint, changes);
  }

  async resetSecret(context: AccessContext, id: string): Promise<EndpointRecord> {
    return this.apply(await this.getEndpoint(context, id), { secret: generateSecret() });
  }

  async deleteEndpoint(context: AccessContext, id: string): Promise<void> {
    const endpoint = await this.getEndpoint(context, id);
    await this.apply(endpoint, { deletedAt: this.clock.now(endpoint.organizationId) });
  }

  private async apply(endpoint: EndpointRecord, changes: EndpointChanges): Promise<EndpointRecord> {
    const updated = await this.store.updateEndpoint(endpoint.id, { ...changes, modifiedAt: this.clock.now(endpoint.organizationId) });
    if (!updated) throw new ResourceNotFound();
    return updated;
  }

  listDeliveries(context: AccessContext, params: DeliveryListParams): Promise<Page<DeliveryRecord>> {
    return this.store.listDeliveries({ ...params, organizationIds: this.manageable(context) });
  }

  /** Queues one more attempt with the same webhook-id; the dispatcher sends it on its next pass. */
  async redeliver(context: AccessContext, eventId: string): Promise<void> {
    const event = await this.store.findEvent(this.manageable(context), eventId);
    if (!event) throw new ResourceNotFound();
    // Real time, like every delivery schedule: the dispatcher compares it with the server's clock.
    await this.store.requestRedelivery(event.id, this.clock.now());
  }
}

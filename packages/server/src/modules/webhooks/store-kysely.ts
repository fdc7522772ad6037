// The webhooks store on Kysely, for both backends.
import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { DeferredDomainEvent, DomainEvent } from "../../platform/events.js";
import { escapeLike } from "../../platform/storage/keys.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import type { DeliveryRecord, EndpointChanges, EndpointRecord, NewEndpoint, WebhookEventRecord } from "./model.js";
import { webhookBody } from "./payload.js";
import { deliveryFromRow, endpointFromRow, EVENT_COLUMNS, eventFromRow } from "./rows.js";
import type { AttemptOutcome, ClaimedEvent, ListDeliveriesQuery, Page, TailedDelivery, WebhookStore } from "./store.js";
import type { WebhookEndpointsTable, WebhookEventsTable, WebhookTables } from "./tables.js";

export class KyselyWebhookStore implements WebhookStore {
  private readonly db: Kysely<WebhookTables>;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<WebhookTables>;
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return translating(this.context.dialect, work);
  }

  /** Several statements as one unit: inside the caller's transaction, or a new one. */
  private atomically<T>(work: (db: Kysely<WebhookTables>) => Promise<T>): Promise<T> {
    if (this.context.inTransaction) return this.run(() => work(this.db));
    return this.run(() => this.db.transaction().execute(work));
  }

  private liveEndpoints() {
    return this.db.selectFrom("webhook_endpoints").selectAll().where("deleted_at", "is", null);
  }

  insertEndpoint(e: NewEndpoint): Promise<EndpointRecord> {
    return this.changingEndpoints(
      this.run(async () => {
        const row = await this.db
          .insertInto("webhook_endpoints")
          .values({
            id: e.id,
            organization_id: e.organizationId,
            created_at: this.codec.time(e.createdAt),
            modified_at: null,
            deleted_at: null,
            url: e.url,
            name: e.name,
            format: e.format,
            secret: e.secret,
            events: this.codec.json(e.events),
            enabled: this.codec.bool(true),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return endpointFromRow(this.codec, row);
      }),
    );
  }

  findEndpoint(organizationIds: readonly string[], id: string): Promise<EndpointRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const row = await this.liveEndpoints().where("id", "=", id).where("organization_id", "in", organizationIds).executeTakeFirst();
      return row && endpointFromRow(this.codec, row);
    });
  }

  listEndpoints(organizationIds: readonly string[], limit: number, offset: number): Promise<Page<EndpointRecord>> {
    if (organizationIds.length === 0) return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      const base = this.db.selectFrom("webhook_endpoints").where("organization_id", "in", organizationIds).where("deleted_at", "is", null);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => endpointFromRow(this.codec, row)), totalCount: Number(total.total) };
    });
  }

  updateEndpoint(id: string, c: EndpointChanges): Promise<EndpointRecord | undefined> {
    const row: Partial<WebhookEndpointsTable> = {};
    if (c.url !== undefined) row.url = c.url;
    if (c.name !== undefined) row.name = c.name;
    if (c.format !== undefined) row.format = c.format;
    if (c.secret !== undefined) row.secret = c.secret;
    if (c.events !== undefined) row.events = this.codec.json(c.events);
    if (c.enabled !== undefined) row.enabled = this.codec.bool(c.enabled);
    if (c.modifiedAt != null) row.modified_at = this.codec.time(c.modifiedAt);
    if (c.deletedAt != null) row.deleted_at = this.codec.time(c.deletedAt);
    return this.changingEndpoints(
      this.run(async () => {
        const updated = await this.db
          .updateTable("webhook_endpoints")
          .set(row)
          .where("id", "=", id)
          .where("deleted_at", "is", null)
          .returningAll()
          .executeTakeFirst();
        return updated && endpointFromRow(this.codec, updated);
      }),
    );
  }

  /**
   * Inside a unit of work, the organization's live endpoints as first read by
   * this transaction: a change records several events (customer.created and
   * customer.state_changed, say) and each looked them up again. Reusing the
   * first answer is no staler than the statements of a read-committed
   * transaction already were, and the dispatcher re-checks the endpoint
   * (disabled or deleted: skipped) before every attempt. Outside a
   * transaction nothing is kept: the store then lives as long as the server.
   */
  private readonly endpointsInTransaction = new Map<string, Promise<EndpointRecord[]>>();

  private liveEndpointsOf(organizationId: string): Promise<EndpointRecord[]> {
    const read = async () => {
      const rows = await this.liveEndpoints().where("organization_id", "=", organizationId).execute();
      return rows.map((row) => endpointFromRow(this.codec, row));
    };
    if (!this.context.inTransaction) return read();
    let endpoints = this.endpointsInTransaction.get(organizationId);
    if (endpoints === undefined) this.endpointsInTransaction.set(organizationId, (endpoints = read()));
    return endpoints;
  }

  /** A write to endpoints: once it is done, later events of this transaction read them again. */
  private changingEndpoints<T>(write: Promise<T>): Promise<T> {
    return write.finally(() => this.endpointsInTransaction.clear());
  }

  /** The endpoints an event of `type` goes to right now (Polar: live, enabled, subscribed). */
  private async targets(organizationId: string, type: string): Promise<EndpointRecord[]> {
    const endpoints = await this.liveEndpointsOf(organizationId);
    return endpoints.filter((e) => e.enabled && (e.events as string[]).includes(type));
  }

  private newEventRow(endpoint: EndpointRecord, type: string, createdAt: Date, dueAt: Date): WebhookEventsTable {
    return {
      id: randomUUID(),
      endpoint_id: endpoint.id,
      organization_id: endpoint.organizationId,
      created_at: this.codec.time(createdAt),
      modified_at: null,
      type,
      payload: null,
      subject_id: null,
      debounce_key: null,
      debounce_until: null,
      last_http_code: null,
      succeeded: null,
      skipped: this.codec.bool(false),
      attempts: 0,
      finished_at: null,
      next_attempt_at: this.codec.time(dueAt),
      lease_token: null,
      redeliver: this.codec.bool(false),
    };
  }

  recordEvent(event: DomainEvent, dueAt: Date): Promise<void> {
    return this.run(async () => {
      const endpoints = await this.targets(event.organizationId, event.type);
      if (endpoints.length === 0) return;
      const payload = webhookBody(event.type, event.occurredAt, event.data);
      await this.db
        .insertInto("webhook_events")
        .values(endpoints.map((endpoint) => ({ ...this.newEventRow(endpoint, event.type, event.occurredAt, dueAt), payload })))
        .execute();
    });
  }

  recordDeferredEvent(event: DeferredDomainEvent, dueAt: Date, maxDelayMs: number): Promise<void> {
    return this.run(async () => {
      const endpoints = await this.targets(event.organizationId, event.type);
      if (endpoints.length === 0) return;
      const until = this.codec.time(new Date(dueAt.getTime() + maxDelayMs));
      const rows = endpoints.map((endpoint) => ({
        ...this.newEventRow(endpoint, event.type, event.occurredAt, dueAt),
        subject_id: event.subjectId,
        debounce_key: event.debounceKey,
        debounce_until: until,
      }));
      // A waiting event with the key is postponed (never past its debounce_until) instead of a second one queued.
      await this.db
        .insertInto("webhook_events")
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(["endpoint_id", "debounce_key"])
            .where("debounce_key", "is not", null)
            .doUpdateSet({
              next_attempt_at: sql`case when excluded.next_attempt_at < webhook_events.debounce_until then excluded.next_attempt_at else webhook_events.debounce_until end`,
              created_at: sql`excluded.created_at`,
            }),
        )
        .execute();
    });
  }

  findEvent(organizationIds: readonly string[], id: string): Promise<WebhookEventRecord | undefined> {
    if (organizationIds.length === 0) return Promise.resolve(undefined);
    return this.run(async () => {
      const row = await this.db
        .selectFrom("webhook_events")
        .select(EVENT_COLUMNS)
        .where("id", "=", id)
        .where("organization_id", "in", organizationIds)
        .executeTakeFirst();
      return row && eventFromRow(this.codec, row);
    });
  }

  findEventAnywhere(id: string): Promise<WebhookEventRecord | undefined> {
    return this.run(async () => {
      const row = await this.db.selectFrom("webhook_events").select(EVENT_COLUMNS).where("id", "=", id).executeTakeFirst();
      return row && eventFromRow(this.codec, row);
    });
  }

  deliveriesAfter(q: { organizationId?: string; after?: { at: Date; id: string }; limit: number }): Promise<TailedDelivery[]> {
    return this.run(async () => {
      let query = this.deliveriesWithEvents();
      if (q.organizationId !== undefined) query = query.where("d.organization_id", "=", q.organizationId);
      if (q.after !== undefined) {
        const at = this.codec.time(q.after.at);
        const id = q.after.id;
        query = query.where((eb) => eb.or([eb("d.created_at", ">", at), eb.and([eb("d.created_at", "=", at), eb("d.id", ">", id)])]));
      }
      const rows = await query
        .innerJoin("webhook_endpoints as w", "w.id", "d.endpoint_id")
        .select("w.url as endpoint_url")
        .orderBy("d.created_at", q.after === undefined ? "desc" : "asc")
        .orderBy("d.id", q.after === undefined ? "desc" : "asc")
        .limit(q.limit)
        .execute();
      const items = rows.map((row) => ({ ...this.deliveryFrom(row), endpointUrl: row.endpoint_url }));
      // Without a starting point: the latest ones, still printed oldest first.
      return q.after === undefined ? items.reverse() : items;
    });
  }

  private deliveriesWithEvents() {
    return this.db
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhook_events as e", "e.id", "d.event_id")
      .selectAll("d")
      .select(EVENT_COLUMNS.map((c) => `e.${c} as event_${c}` as const));
  }

  private deliveryFrom(row: object): DeliveryRecord {
    const r = row as Record<string, unknown>;
    const event = eventFromRow(this.codec, Object.fromEntries(EVENT_COLUMNS.map((c) => [c, r[`event_${c}`]])) as never);
    return deliveryFromRow(this.codec, row as never, event);
  }

  requestRedelivery(id: string, now: Date): Promise<void> {
    return this.run(async () => {
      const idle = await this.db
        .updateTable("webhook_events")
        .set({ next_attempt_at: this.codec.time(now), finished_at: null })
        .where("id", "=", id)
        .where("lease_token", "is", null)
        .executeTakeFirst();
      // In flight: the attempt's outcome makes it due again (recordAttempt), so no two attempts overlap.
      if (Number(idle.numUpdatedRows) === 0)
        await this.db
          .updateTable("webhook_events")
          .set({ redeliver: this.codec.bool(true) })
          .where("id", "=", id)
          .execute();
    });
  }

  listDeliveries(q: ListDeliveriesQuery): Promise<Page<DeliveryRecord>> {
    // No stored text holds U+0000 (and PostgreSQL refuses it even in a comparison): such a search matches nothing.
    if (q.organizationIds.length === 0 || q.endpointIds?.length === 0 || q.query?.includes("\u0000"))
      return Promise.resolve({ items: [], totalCount: 0 });
    return this.run(async () => {
      let base = this.db
        .selectFrom("webhook_deliveries as d")
        .innerJoin("webhook_events as e", "e.id", "d.event_id")
        .where("d.organization_id", "in", q.organizationIds);
      if (q.endpointIds !== undefined) base = base.where("d.endpoint_id", "in", q.endpointIds);
      if (q.after !== undefined) base = base.where("d.created_at", ">", this.codec.time(q.after));
      if (q.before !== undefined) base = base.where("d.created_at", "<", this.codec.time(q.before));
      if (q.succeeded !== undefined) base = base.where("d.succeeded", "=", this.codec.bool(q.succeeded));
      if (q.httpCodeClass !== undefined)
        base = base.where("d.http_code", ">=", q.httpCodeClass * 100).where("d.http_code", "<", q.httpCodeClass * 100 + 100);
      if (q.eventTypes !== undefined) base = base.where("e.type", "in", q.eventTypes);
      if (q.query !== undefined) {
        const pattern = `%${escapeLike(q.query.toLowerCase())}%`;
        base = base.where(
          sql<boolean>`(d.id like ${pattern} escape '/' or d.event_id like ${pattern} escape '/' or cast(d.http_code as text) like ${pattern} escape '/')`,
        );
      }
      const [rows, total] = await Promise.all([
        base
          .selectAll("d")
          .select(EVENT_COLUMNS.map((c) => `e.${c} as event_${c}` as const))
          .orderBy("d.created_at", "desc")
          .orderBy("d.id", "desc")
          .limit(q.limit)
          .offset(q.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => this.deliveryFrom(row)), totalCount: Number(total.total) };
    });
  }

  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEvent[]> {
    const token = randomUUID();
    return this.run(async () => {
      // A read first: when nothing is due (most passes) no write is attempted, so SQLite's write lock is left to requests.
      const any = await this.db
        .selectFrom("webhook_events")
        .select("id")
        .where("next_attempt_at", "<=", this.codec.time(now))
        .limit(1)
        .executeTakeFirst();
      if (any === undefined) return [];
      let due = this.db
        .selectFrom("webhook_events")
        .select("id")
        .where("next_attempt_at", "<=", this.codec.time(now))
        .orderBy("next_attempt_at")
        .limit(limit);
      // Another instance's claim in progress is skipped, not waited for: each row goes to exactly one claimer.
      if (this.context.dialect.name === "postgres") due = due.forUpdate().skipLocked();
      const claimed = await this.db
        .updateTable("webhook_events")
        .set({ next_attempt_at: this.codec.time(leaseUntil), lease_token: token, debounce_key: null })
        .where("id", "in", due)
        .returning([...EVENT_COLUMNS, "subject_id"])
        .execute();
      if (claimed.length === 0) return [];
      const endpointIds = [...new Set(claimed.map((row) => row.endpoint_id))];
      const endpoints = await this.db.selectFrom("webhook_endpoints").selectAll().where("id", "in", endpointIds).execute();
      const byId = new Map(endpoints.map((row) => [row.id, endpointFromRow(this.codec, row)]));
      return claimed.map((row) => ({
        event: eventFromRow(this.codec, row),
        endpoint: byId.get(row.endpoint_id)!,
        leaseToken: token,
        ...(row.payload === null && row.subject_id !== null && { deferred: { subjectId: row.subject_id } }),
      }));
    });
  }

  private held(db: Kysely<WebhookTables>, claim: ClaimedEvent) {
    return db.updateTable("webhook_events").where("id", "=", claim.event.id).where("lease_token", "=", claim.leaseToken);
  }

  setPayload(claim: ClaimedEvent, payload: string): Promise<boolean> {
    return this.run(async () => {
      const result = await this.held(this.db, claim).set({ payload }).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  skip(claim: ClaimedEvent, at: Date): Promise<void> {
    return this.run(async () => {
      const time = this.codec.time(at);
      await this.held(this.db, claim)
        .set({ skipped: this.codec.bool(true), next_attempt_at: null, lease_token: null, finished_at: time, modified_at: time })
        .execute();
    });
  }

  recordAttempt(claim: ClaimedEvent, o: AttemptOutcome): Promise<boolean> {
    const time = this.codec.time(o.at);
    return this.atomically(async (db) => {
      const current = await db
        .selectFrom("webhook_events")
        .select(["attempts", "succeeded", "redeliver"])
        .where("id", "=", claim.event.id)
        .where("lease_token", "=", claim.leaseToken)
        .executeTakeFirst();
      if (!current) return false;
      const redeliver = this.codec.readBool(current.redeliver);
      const next = redeliver ? o.at : o.succeeded ? null : o.retryAt;
      const everSucceeded = o.succeeded || (current.succeeded !== null && this.codec.readBool(current.succeeded));
      const updated = await this.held(db, claim)
        .set({
          attempts: Number(current.attempts) + 1,
          last_http_code: o.httpCode,
          succeeded: this.codec.bool(everSucceeded),
          next_attempt_at: next === null ? null : this.codec.time(next),
          finished_at: next === null ? time : null,
          lease_token: null,
          redeliver: this.codec.bool(false),
          modified_at: time,
        })
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await db
        .insertInto("webhook_deliveries")
        .values({
          id: randomUUID(),
          event_id: claim.event.id,
          endpoint_id: claim.endpoint.id,
          organization_id: claim.endpoint.organizationId,
          created_at: time,
          succeeded: this.codec.bool(o.succeeded),
          http_code: o.httpCode,
          response: o.response,
          duration_ms: Math.round(o.durationMs),
          attempt: Number(current.attempts) + 1,
        })
        .execute();
      return true;
    });
  }

  disableIfFailing(endpointId: string, threshold: number, at: Date): Promise<boolean> {
    return this.changingEndpoints(
      this.atomically(async (db) => {
        const recent = await db
          .selectFrom("webhook_events")
          .select("succeeded")
          .where("endpoint_id", "=", endpointId)
          .where("finished_at", "is not", null)
          .where("succeeded", "is not", null)
          .orderBy("finished_at", "desc")
          .limit(threshold)
          .execute();
        if (recent.length < threshold || recent.some((row) => this.codec.readBool(row.succeeded))) return false;
        const time = this.codec.time(at);
        await db
          .updateTable("webhook_endpoints")
          .set({ enabled: this.codec.bool(false), modified_at: time })
          .where("id", "=", endpointId)
          .execute();
        // Its pending events will not be sent (Polar marks them skipped).
        await db
          .updateTable("webhook_events")
          .set({ skipped: this.codec.bool(true), next_attempt_at: null, finished_at: time })
          .where("endpoint_id", "=", endpointId)
          .where("next_attempt_at", "is not", null)
          .where("lease_token", "is", null)
          .execute();
        return true;
      }),
    );
  }

  deleteOrganizationData(organizationId: string): Promise<void> {
    return this.changingEndpoints(
      this.run(async () => {
        await this.db.deleteFrom("webhook_deliveries").where("organization_id", "=", organizationId).execute();
        await this.db.deleteFrom("webhook_events").where("organization_id", "=", organizationId).execute();
        await this.db.deleteFrom("webhook_endpoints").where("organization_id", "=", organizationId).execute();
      }),
    );
  }
}

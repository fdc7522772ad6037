// The ingest endpoint.
import { resourceScopes } from "../../platform/auth/scopes.js";
import { operationsFor } from "../../platform/http/operation.js";
import { eventsIngest } from "./requests.js";
import { eventsIngestResponse } from "./responses.js";
import type { EventService } from "./service.js";

export interface EventServices {
  events: EventService;
}

const operation = operationsFor<EventServices>();
const { write: WRITE } = resourceScopes("events");

export const eventOperations = [
  operation({
    method: "POST",
    path: "/v1/events/ingest",
    operationId: "events:ingest",
    summary: "Ingest Events",
    description:
      "Ingest usage events. Every event is checked and all problems are reported together; nothing is stored unless all pass. " +
      "Events whose `external_id` the organization already has (or that repeat one earlier in the batch) are skipped and counted in `duplicates`.",
    scopes: WRITE,
    body: eventsIngest,
    response: { status: 200, body: eventsIngestResponse },
    examples: {
      body: { events: [{ name: "api_call", external_customer_id: "user_42", metadata: { tokens: 12 } }] },
      response: { inserted: 1, duplicates: 0 },
    },
    handle: ({ access, body }, { events }) => events.ingest(access, body as never),
  }),
];

// The `events` section of a seed file: Polar EventCreate bodies (the items of
// POST /v1/events/ingest), each ingested as that endpoint ingests it, so the
// customer meters they count for are updated the same way. Each needs an
// `external_id`: the ingest skips an external id the organization already
// has, which is what keeps a second run from counting the usage twice.
import type { AccessContext } from "../../platform/auth/principal.js";
import { SeedError, type SeedPath } from "../../platform/seed.js";
import { asSeedEntry, parseEntry } from "../../platform/seed-issues.js";
import { seedSection } from "../../platform/seed-section.js";
import { eventsIngest, type EventsIngest } from "./requests.js";
import { EventService, type EventsDeps } from "./service.js";

/** Ingests one entry as the body `{"events": [entry]}`; problems are located in that body (under `events[0]`). */
async function ingestOne(service: EventService, context: AccessContext, entry: Record<string, unknown>): Promise<boolean> {
  const wrapped = { events: [entry] };
  // The schema's `events` is required; the endpoint's handler reads the parsed body the same way.
  const body = parseEntry(eventsIngest, wrapped, []) as EventsIngest;
  if (body.events[0].value.external_id == null)
    throw new SeedError(
      ["events", 0, "external_id"],
      "is required in a seed file, so that running it again does not count the event twice",
    );
  const { inserted } = await asSeedEntry([], wrapped, () => service.ingest(context, body));
  return inserted === 1;
}

/** A problem located under `events[0]` of the one-event body, moved to the entry at `at`. */
const locatedAt =
  (at: SeedPath) =>
  (error: unknown): never => {
    if (error instanceof SeedError) throw new SeedError([...at, ...error.path.slice(2)], error.problem);
    throw error;
  };

export const eventsSeeder = seedSection({
  section: "events",
  noun: "event",
  service: (deps: EventsDeps) => new EventService(deps),
  seed: ({ service, context, entry, at }) => ingestOne(service, context, entry).catch(locatedAt(at)),
});

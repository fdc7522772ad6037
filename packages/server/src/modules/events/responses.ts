// The ingest answer: `{inserted, duplicates}`, both always present.
import { responseObject } from "../../platform/schema/response.js";
import type { IngestResult } from "./service.js";

export const eventsIngestResponse = responseObject<IngestResult>("EventsIngestResponse", [
  { key: "inserted", json: { type: "integer", title: "Inserted", description: "Number of events inserted." }, value: (r) => r.inserted },
  {
    key: "duplicates",
    json: { type: "integer", title: "Duplicates", description: "Number of duplicate events skipped.", default: 0 },
    value: (r) => r.duplicates,
  },
]);

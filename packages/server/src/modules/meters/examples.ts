// Documentation examples for the meters operations: records run through the
// response schemas (so the published JSON is what the server sends), and
// request bodies the endpoints accept.

import type { Page } from "../../platform/schema/response.js";
import type { MeterRecord } from "./model.js";

export const exampleMeter: MeterRecord = {
  id: "6c5f1f3e-8a55-4f0e-9d4b-0b2f6a1c7e21",
  organizationId: "1dbfc517-0bbf-4301-9ba8-555ca42b9737",
  createdAt: new Date("2026-04-01T09:00:00.000Z"),
  modifiedAt: null,
  archivedAt: null,
  name: "AI tokens",
  unit: "token",
  customLabel: null,
  customMultiplier: null,
  filter: { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: "ai_usage" }] },
  aggregation: { func: "sum", property: "tokens" },
  metadata: { team: "core" },
};

export const exampleUpdatedMeter: MeterRecord = {
  ...exampleMeter,
  modifiedAt: new Date("2026-04-02T10:15:00.000Z"),
  name: "AI tokens (all models)",
};

export const exampleMeterPage: Page<MeterRecord> = { items: [exampleMeter], totalCount: 1, limit: 10 };

export const exampleMeterCreateBody = {
  name: "AI tokens",
  unit: "token",
  filter: { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: "ai_usage" }] },
  aggregation: { func: "sum", property: "tokens" },
  metadata: { team: "core" },
};

export const exampleMeterUpdateBody = { name: "AI tokens (all models)" };

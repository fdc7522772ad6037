// A meter as the service and the store see it: which events it counts (a
// filter) and how it turns them into a number (an aggregation). The events
// and customer-meter modules evaluate these definitions.

import type { Metadata } from "../customers/index.js";

export const METER_UNITS = ["scalar", "token", "custom"] as const;
export type MeterUnit = (typeof METER_UNITS)[number];

export const FILTER_OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "like", "not_like"] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FilterConjunction = "and" | "or";

/**
 * One condition on an event. `property` is `name`, `source`, `timestamp` or a
 * metadata path (dot-separated for nested objects; a leading `metadata.` is
 * stripped on input). Comparison is type-aware: a value only compares with an
 * event value of the same JSON kind; `like`/`not_like` test (non-)containment
 * of a substring, case-sensitively.
 */
export interface FilterClause {
  property: string;
  operator: FilterOperator;
  value: string | number | boolean;
}

/** Clauses combined with `and`/`or`; nested filters allowed; no clauses matches every event. */
export interface Filter {
  conjunction: FilterConjunction;
  clauses: (FilterClause | Filter)[];
}

export const PROPERTY_FUNCTIONS = ["sum", "max", "min", "avg"] as const;
export type PropertyFunction = (typeof PROPERTY_FUNCTIONS)[number];

/**
 * count: matching events; sum/max/min/avg: over events whose `property` is a
 * JSON number; unique: distinct values of `property`.
 */
export type Aggregation = { func: "count" } | { func: PropertyFunction; property: string } | { func: "unique"; property: string };

export const isFilter = (node: FilterClause | Filter): node is Filter => "conjunction" in node;

export interface MeterRecord {
  id: string;
  organizationId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  archivedAt: Date | null;
  name: string;
  unit: MeterUnit;
  customLabel: string | null;
  customMultiplier: number | null;
  filter: Filter;
  aggregation: Aggregation;
  metadata: Metadata;
}

export type NewMeter = Omit<MeterRecord, "modifiedAt" | "archivedAt">;

export type MeterChanges = Partial<
  Pick<
    MeterRecord,
    "name" | "unit" | "customLabel" | "customMultiplier" | "filter" | "aggregation" | "metadata" | "modifiedAt" | "archivedAt"
  >
>;

// Evaluating a meter over events: does an event pass the filter, and what the
// aggregation makes of the events that do. Done in TypeScript because the
// type-aware comparisons (a string only compares with a string, a number with
// a number) and nested metadata paths read the same on both backends here.

import { JsonFloat } from "../../platform/schema/floats.js";
import { isFilter, type Aggregation, type Filter, type FilterClause } from "./model.js";

/** What a filter or aggregation can look at in an event. */
export interface MeteredEvent {
  name: string;
  source: "user" | "system";
  timestamp: Date;
  metadata: Readonly<Record<string, unknown>>;
}

type Scalar = string | number | boolean;

const plain = (value: unknown): unknown => (value instanceof JsonFloat ? value.value : value);

/** `name`, `source`, `timestamp` (epoch seconds) or a dot-separated metadata path; undefined when absent or not a scalar. */
export function eventProperty(event: MeteredEvent, property: string): Scalar | undefined {
  if (property === "name") return event.name;
  if (property === "source") return event.source;
  if (property === "timestamp") return event.timestamp.getTime() / 1000;
  let node: unknown = event.metadata;
  for (const part of property.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node) || node instanceof JsonFloat) return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  const value = plain(node);
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
}

function clauseMatches(clause: FilterClause, event: MeteredEvent): boolean {
  const actual = eventProperty(event, clause.property);
  const expected = clause.value;
  // Type-aware: values of different JSON kinds never match, whatever the operator.
  if (actual === undefined || typeof actual !== typeof expected) return false;
  switch (clause.operator) {
    case "eq":
      return actual === expected;
    case "ne":
      return actual !== expected;
    case "gt":
      return actual > expected;
    case "gte":
      return actual >= expected;
    case "lt":
      return actual < expected;
    case "lte":
      return actual <= expected;
    case "like":
      return typeof actual === "string" && actual.includes(expected as string);
    case "not_like":
      return typeof actual === "string" && !actual.includes(expected as string);
  }
}

/** Whether the event passes the filter; a filter without clauses passes every event. */
export function filterMatches(filter: Filter, event: MeteredEvent): boolean {
  if (filter.clauses.length === 0) return true;
  const test = (node: FilterClause | Filter) => (isFilter(node) ? filterMatches(node, event) : clauseMatches(node, event));
  return filter.conjunction === "and" ? filter.clauses.every(test) : filter.clauses.some(test);
}

/** Folds events one at a time, so a long window never has to sit in memory at once. */
export interface Accumulator {
  add(event: MeteredEvent): void;
  /** The aggregate so far; 0 when no event counted. */
  value(): number;
}

export function accumulator(aggregation: Aggregation): Accumulator {
  switch (aggregation.func) {
    case "count": {
      let count = 0;
      return { add: () => void count++, value: () => count };
    }
    case "unique": {
      const seen = new Set<string>();
      return {
        add: (event) => {
          const value = eventProperty(event, aggregation.property);
          if (value !== undefined) seen.add(`${typeof value}:${String(value)}`);
        },
        value: () => seen.size,
      };
    }
    default: {
      const { func, property } = aggregation;
      let count = 0;
      let sum = 0;
      let max = -Infinity;
      let min = Infinity;
      return {
        add: (event) => {
          const value = eventProperty(event, property);
          if (typeof value !== "number") return;
          count++;
          sum += value;
          max = Math.max(max, value);
          min = Math.min(min, value);
        },
        value: () => {
          if (count === 0) return 0;
          if (func === "sum") return sum;
          if (func === "max") return max;
          if (func === "min") return min;
          return sum / count;
        },
      };
    }
  }
}

// Request bodies of the meters endpoints: MeterCreate, MeterUpdate and the
// Filter / Aggregation definitions they carry.

import { issue } from "../../platform/schema/issues.js";
import {
  DICT_OR_OBJECT,
  INVALID,
  enumeration,
  nullable,
  object,
  refine,
  schema,
  string,
  type ObjectOf,
  type Schema,
} from "../../platform/schema/core.js";
import { component, named, ref } from "../../platform/schema/component.js";
import { INT32, boolean, integer } from "../../platform/schema/numbers.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { list } from "../../platform/schema/list.js";
import { literal, smartUnion, taggedUnion } from "../../platform/schema/union.js";
import { metadata } from "../customers/index.js";
import { FILTER_OPERATORS, METER_UNITS, PROPERTY_FUNCTIONS, type Aggregation, type Filter, type FilterClause } from "./model.js";

const METADATA_PREFIX = "metadata.";

/** An event property; `metadata.x` and `x` name the same metadata key. */
const property = (): Schema<string> =>
  schema({ type: "string" }, (input, loc, issues) => {
    const text = string({ rejectNul: true }).parse(input, loc, issues);
    if (text === INVALID) return INVALID;
    return text.startsWith(METADATA_PREFIX) ? text.slice(METADATA_PREFIX.length) : text;
  });

const clauseValue = smartUnion<string | number | boolean>(
  [
    ["constrained-str", string({ maxLength: 1000, rejectNul: true })],
    ["constrained-int", integer(INT32)],
    ["bool", boolean()],
  ],
  {
    anyOf: [{ type: "string", maxLength: 1000 }, { type: "integer", ...{ minimum: INT32.ge, maximum: INT32.le } }, { type: "boolean" }],
    title: "Value",
  },
);

// A JSON `true` is a bool and `1` an int before any lax conversion (Pydantic's smart union prefers exact types).
const exactValue: Schema<string | number | boolean> = schema(clauseValue.json, (input, loc, issues) =>
  typeof input === "boolean" ? input : clauseValue.parse(input, loc, issues),
);

const filterClause = object(
  {
    property: { schema: property(), required: true },
    operator: { schema: enumeration(FILTER_OPERATORS, "FilterOperator"), required: true },
    value: { schema: exactValue, required: true },
  },
  { title: "FilterClause" },
);

const FILTER_CLAUSE = component("FilterClause", filterClause.json);
const FILTER_JSON: Record<string, unknown> = { type: "object", title: "Filter", required: ["conjunction", "clauses"] };
export const FILTER = component("Filter", FILTER_JSON);
FILTER_JSON.properties = {
  conjunction: { type: "string", enum: ["and", "or"], title: "FilterConjunction" },
  clauses: { type: "array", items: { anyOf: [ref(FILTER_CLAUSE), ref(FILTER)] } },
};

/** Deeper nesting than any real filter is refused rather than recursed into (each level adds 3 loc segments). */
const MAX_FILTER_LOC = 100;

let filterShape: Schema<unknown> | undefined;

/** `Filter`, recursive: its clauses are each a FilterClause or a nested Filter. */
export const filter: Schema<Filter> = schema(ref(FILTER), (input, loc, issues) => {
  if (loc.length > MAX_FILTER_LOC) {
    issues.push(issue("value_error", loc, "Value error, The filter is nested too deeply.", input, { error: {} }));
    return INVALID;
  }
  filterShape ??= object(
    {
      conjunction: { schema: enumeration(["and", "or"] as const, "FilterConjunction"), required: true },
      clauses: {
        schema: list(
          smartUnion<FilterClause | Filter>([
            ["FilterClause", filterClause],
            ["Filter", filter],
          ]),
        ),
        required: true,
      },
    },
    { title: "Filter" },
  );
  return filterShape.parse(input, loc, issues) as Filter | typeof INVALID;
});

const countAggregation = named(
  "CountAggregation",
  object({ func: { schema: literal("count"), default: () => "count" as const } }, { title: "CountAggregation" }),
);
const propertyAggregation = named(
  "PropertyAggregation",
  object(
    { func: { schema: enumeration(PROPERTY_FUNCTIONS), required: true }, property: { schema: property(), required: true } },
    { title: "PropertyAggregation" },
  ),
);
const uniqueAggregation = named(
  "UniqueAggregation",
  object(
    { func: { schema: literal("unique"), default: () => "unique" as const }, property: { schema: property(), required: true } },
    { title: "UniqueAggregation" },
  ),
);

export const aggregation = taggedUnion<Aggregation>({
  key: "func",
  members: {
    count: countAggregation,
    sum: propertyAggregation,
    max: propertyAggregation,
    min: propertyAggregation,
    avg: propertyAggregation,
    unique: uniqueAggregation,
  },
});

const commonFields = {
  custom_label: { schema: nullable(string({ rejectNul: true })), default: () => null },
  custom_multiplier: { schema: nullable(integer({ gt: 0 })), default: () => null },
};

const createFields = object(
  {
    metadata: { schema: metadata(), default: () => ({}) },
    name: { schema: string({ minLength: 3, rejectNul: true }), required: true },
    unit: { schema: enumeration(METER_UNITS, "MeterUnit"), default: () => "scalar" as const },
    ...commonFields,
    filter: { schema: filter, required: true },
    aggregation: { schema: aggregation, required: true },
    organization_id: { schema: nullable(uuid4()), default: () => null },
  },
  { title: "MeterCreate", notAnObject: DICT_OR_OBJECT },
);

type CreateBody = ObjectOf<typeof createFields.fields>;

/** custom_label is required for the custom unit and only allowed with it (a multiplier alone passes, as on Polar). */
function unitProblem(unit: string | null | undefined, label: string | null | undefined): string | undefined {
  if (unit === "custom" && label == null) return "Value error, custom_label is required when unit is 'custom'.";
  if (unit !== "custom" && label != null) return "Value error, custom_label and custom_multiplier are only allowed when unit is 'custom'.";
  return undefined;
}

export const meterCreate = named(
  "MeterCreate",
  refine(createFields, (value, input, loc) => {
    const problem = unitProblem(value.unit, value.custom_label);
    return problem ? issue("value_error", loc, problem, input, { error: {} }) : undefined;
  }),
);
export type MeterCreate = CreateBody;

const updateFields = object(
  {
    metadata: { schema: metadata() },
    name: { schema: nullable(string({ minLength: 3, rejectNul: true })) },
    unit: { schema: nullable(enumeration(METER_UNITS, "MeterUnit")) },
    custom_label: { schema: nullable(string({ rejectNul: true })) },
    custom_multiplier: { schema: nullable(integer({ gt: 0 })) },
    filter: { schema: nullable(filter) },
    aggregation: { schema: nullable(aggregation) },
    is_archived: { schema: nullable(boolean()) },
  },
  { title: "MeterUpdate", notAnObject: DICT_OR_OBJECT },
);

export const meterUpdate = named("MeterUpdate", updateFields);
export type MeterUpdate = ObjectOf<typeof updateFields.fields>;

export { unitProblem };

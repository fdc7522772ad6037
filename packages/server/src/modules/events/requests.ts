// The ingest body: `{events: [...]}`, each item Pydantic's smart union of
// EventCreateCustomer (`customer_id`) and EventCreateExternalCustomer
// (`external_customer_id`), with Polar's event metadata (free keys plus the
// structured `_cost` and `_llm`).

import {
  INVALID,
  NUL_MESSAGE,
  isPlainObject,
  nullable,
  object,
  schema,
  string,
  unicodeIssue,
  type ObjectOf,
  type Schema,
} from "../../platform/schema/core.js";
import { component, named, ref } from "../../platform/schema/component.js";
import { awareDatetime } from "../../platform/schema/datetime-input.js";
import { JsonFloat } from "../../platform/schema/floats.js";
import { MAX_ISSUES, issue } from "../../platform/schema/issues.js";
import { list } from "../../platform/schema/list.js";
import { integer } from "../../platform/schema/numbers.js";
import { smartUnion } from "../../platform/schema/union.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { metadataValue } from "../customers/index.js";

const costAmount: Schema<unknown> = schema({ anyOf: [{ type: "number" }, { type: "string" }] }, (input, loc, issues) => {
  if (input instanceof JsonFloat || (typeof input === "number" && Number.isFinite(input))) return input;
  if (typeof input === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(input)) return input.trim();
  issues.push(issue("decimal_parsing", loc, "Input should be a valid decimal", input));
  return INVALID;
});

const usd: Schema<string> = schema({ type: "string", pattern: "usd" }, (input, loc, issues) => {
  const text = string({ rejectNul: true }).parse(input, loc, issues);
  if (text === INVALID) return INVALID;
  if (text.includes("usd")) return text;
  issues.push(issue("string_pattern_mismatch", loc, "String should match pattern 'usd'", input, { pattern: "usd" }));
  return INVALID;
});

const COST = named(
  "CostMetadata-Input",
  object({ amount: { schema: costAmount, required: true }, currency: { schema: usd, required: true } }, { title: "CostMetadata" }),
);

const text = () => string({ rejectNul: true });
const LLM = named(
  "LLMMetadata",
  object(
    {
      vendor: { schema: text(), required: true },
      model: { schema: text(), required: true },
      prompt: { schema: nullable(text()) },
      response: { schema: nullable(text()) },
      input_tokens: { schema: integer(), required: true },
      cached_input_tokens: { schema: integer() },
      output_tokens: { schema: integer(), required: true },
      total_tokens: { schema: integer(), required: true },
    },
    { title: "LLMMetadata" },
  ),
);

const STRUCTURED: Readonly<Record<string, Schema<unknown>>> = { _cost: COST, _llm: LLM };
const freeValue = metadataValue();

const EVENT_METADATA = component("EventMetadataInput", {
  type: "object",
  title: "EventMetadataInput",
  properties: { _cost: ref(COST.component), _llm: ref(LLM.component) },
  additionalProperties: freeValue.json,
});

/** Event metadata: no limit on keys (as on Polar); only NUL and broken Unicode are refused, since no database stores them. */
const eventMetadata: Schema<Record<string, unknown>> = schema(ref(EVENT_METADATA), (input, loc, issues) => {
  if (!isPlainObject(input)) {
    issues.push(issue("dict_type", loc, "Input should be a valid dictionary", input));
    return INVALID;
  }
  const out: Record<string, unknown> = {};
  let ok = true;
  for (const [key, value] of Object.entries(input)) {
    if (issues.length >= MAX_ISSUES) return INVALID;
    const keyLoc = [...loc, key, "[key]"];
    const unicode = unicodeIssue(key, keyLoc);
    if (key.includes("\u0000") || unicode) {
      issues.push(unicode ?? issue("value_error", keyLoc, NUL_MESSAGE, key, { error: {} }));
      ok = false;
      continue;
    }
    const member = Object.prototype.hasOwnProperty.call(STRUCTURED, key) ? STRUCTURED[key] : freeValue;
    const parsed = member.parse(value, [...loc, key], issues);
    if (parsed === INVALID) ok = false;
    else Object.defineProperty(out, key, { value: parsed, enumerable: true, writable: true, configurable: true });
  }
  return ok ? out : INVALID;
});

const commonFields = {
  timestamp: { schema: awareDatetime() },
  name: { schema: string({ maxLength: 128, rejectNul: true }), required: true },
  organization_id: { schema: nullable(uuid4()), default: () => null },
  external_id: { schema: nullable(text()), default: () => null },
  parent_id: { schema: nullable(text()), default: () => null },
  metadata: { schema: eventMetadata, default: () => ({}) },
};

const eventCreateCustomer = named(
  "EventCreateCustomer",
  object(
    { ...commonFields, customer_id: { schema: uuid4(), required: true }, member_id: { schema: nullable(uuid4()), default: () => null } },
    { title: "EventCreateCustomer" },
  ),
);

const eventCreateExternalCustomer = named(
  "EventCreateExternalCustomer",
  object(
    {
      ...commonFields,
      external_customer_id: { schema: text(), required: true },
      external_member_id: { schema: nullable(text()), default: () => null },
    },
    { title: "EventCreateExternalCustomer" },
  ),
);

export type EventCreateCustomer = ObjectOf<typeof eventCreateCustomer.fields>;
export type EventCreateExternalCustomer = ObjectOf<typeof eventCreateExternalCustomer.fields>;

/** A parsed item, with its input kept: a future timestamp is found later (against the organization's clock) and reported as Pydantic would. */
export type EventCreate =
  | { variant: "EventCreateCustomer"; value: EventCreateCustomer; input: unknown }
  | { variant: "EventCreateExternalCustomer"; value: EventCreateExternalCustomer; input: unknown };

const VARIANTS = [
  ["EventCreateCustomer", eventCreateCustomer],
  ["EventCreateExternalCustomer", eventCreateExternalCustomer],
] as const;

/** Parses `input` as the other variant(s), for the issues Pydantic lists alongside a failed validator. */
export function variantIssues(input: unknown, loc: readonly (string | number)[]) {
  return VARIANTS.map(([name, member]) => {
    const issues: Parameters<Schema<unknown>["parse"]>[2] = [];
    member.parse(input, [...loc, name], issues);
    return { name, issues };
  });
}

const eventCreate: Schema<EventCreate> = schema({ anyOf: VARIANTS.map(([, member]) => member.json) }, (input, loc, issues) => {
  const parsed = smartUnion<EventCreateCustomer | EventCreateExternalCustomer>(VARIANTS).parse(input, loc, issues);
  if (parsed === INVALID) return INVALID;
  return "customer_id" in parsed
    ? { variant: "EventCreateCustomer", value: parsed as EventCreateCustomer, input }
    : { variant: "EventCreateExternalCustomer", value: parsed as EventCreateExternalCustomer, input };
});

const eventsFields = object(
  { events: { schema: list(eventCreate), required: true } },
  {
    title: "EventsIngest",
    notAnObject: { type: "model_attributes_type", msg: "Input should be a valid dictionary or object to extract fields from" },
  },
);

export const eventsIngest = named("EventsIngest", eventsFields);
export type EventsIngest = { events: EventCreate[] };

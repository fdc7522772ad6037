// Request bodies: SubscriptionCreate (a smart union by customer id or external
// customer id) and SubscriptionUpdate (a smart union of extra="forbid"
// objects: exactly one variant may match, else every variant's issues).
import {
  DICT_OR_OBJECT,
  INVALID,
  enumeration,
  nullable,
  object,
  schema,
  string,
  type Fields,
  type Schema,
} from "../../platform/schema/core.js";
import { named } from "../../platform/schema/component.js";
import { parseDateTime } from "../../platform/schema/datetime-naive.js";
import { issue } from "../../platform/schema/issues.js";
import { INT32, boolean, integer } from "../../platform/schema/numbers.js";
import { smartUnion } from "../../platform/schema/union.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { metadata, type Metadata } from "../customers/index.js";
import { CANCELLATION_REASONS, type CancellationReason } from "./model.js";

export interface SubscriptionCreate {
  product_id: string;
  customer_id?: string;
  external_customer_id?: string;
  metadata: Metadata;
}

const createMember = (title: string, idField: string, idSchema: Schema<string>) =>
  named(
    title,
    object(
      {
        metadata: { schema: metadata(), default: () => ({}) },
        product_id: { schema: uuid4(), required: true },
        [idField]: { schema: idSchema, required: true },
      },
      { title, notAnObject: DICT_OR_OBJECT },
    ),
  );

const createMembers = [
  ["SubscriptionCreateCustomer", createMember("SubscriptionCreateCustomer", "customer_id", uuid4())],
  [
    "SubscriptionCreateExternalCustomer",
    createMember("SubscriptionCreateExternalCustomer", "external_customer_id", string({ rejectNul: true })),
  ],
] as const;

export const subscriptionCreate = named(
  "SubscriptionCreate",
  smartUnion<SubscriptionCreate>(createMembers, { anyOf: createMembers.map(([, m]) => m.json), title: "SubscriptionCreate" }),
);

/** Pydantic's `Literal[True]`. */
const trueLiteral = (): Schema<true> =>
  schema({ type: "boolean", const: true }, (input, loc, issues) => {
    if (input === true) return true;
    issues.push(issue("literal_error", loc, "Input should be True", input, { expected: "True" }));
    return INVALID;
  });

/** Pydantic's `None` field: only null is accepted. */
const noneOnly = (): Schema<null> =>
  schema({ type: "null" }, (input, loc, issues) => {
    if (input === null) return null;
    issues.push(issue("none_required", loc, "Input should be None", input));
    return INVALID;
  });

const dateTimeOrNow = (): Schema<Date | "now"> =>
  schema(
    {
      anyOf: [
        { type: "string", format: "date-time" },
        { type: "string", const: "now" },
      ],
    },
    (input, loc, issues) => (input === "now" ? "now" : parseDateTime(input, loc, issues)),
  );

const dateTimeInput = (): Schema<Date> => schema({ type: "string", format: "date-time" }, parseDateTime);

const PRORATION = ["invoice", "prorate", "next_period", "reset"] as const;
export type ProrationBehavior = (typeof PRORATION)[number];
const proration = () => nullable(enumeration(PRORATION, "SubscriptionProrationBehavior"));
const reason = () => nullable(enumeration(CANCELLATION_REASONS, "CustomerCancellationReason"));
const comment = () => nullable(string({ rejectNul: true }));

const variant = (title: string, fields: Fields) =>
  [title, named(title, object(fields, { title, notAnObject: DICT_OR_OBJECT, forbidExtra: true }))] as const;

export type SubscriptionUpdate =
  | {
      kind: "base";
      metadata?: Metadata;
      product_id?: string | null;
      proration_behavior?: ProrationBehavior | null;
      discount_id?: string | null;
      trial_end?: Date | "now" | null;
    }
  | { kind: "seats"; seats: number; proration_behavior?: ProrationBehavior | null }
  | { kind: "units"; units: number; proration_behavior?: ProrationBehavior | null }
  | { kind: "billing_period"; current_billing_period_end: Date }
  | {
      kind: "cancel";
      cancel_at_period_end: boolean;
      customer_cancellation_reason?: CancellationReason | null;
      customer_cancellation_comment?: string | null;
    }
  | {
      kind: "revoke";
      revoke: true;
      customer_cancellation_reason?: CancellationReason | null;
      customer_cancellation_comment?: string | null;
    }
  | { kind: "pause"; pause_at_period_end: boolean; resumes_at?: Date | null }
  | { kind: "resume"; resume: true }
  | { kind: "clear"; pending_update: null };

const tagged = (kind: SubscriptionUpdate["kind"], [title, member]: readonly [string, Schema<unknown>]) =>
  [
    title,
    {
      json: member.json,
      parse: (input: unknown, loc: (string | number)[], issues: Parameters<Schema<unknown>["parse"]>[2]) => {
        const value = member.parse(input, loc, issues);
        return value === INVALID ? INVALID : { kind, ...(value as object) };
      },
    } as Schema<unknown>,
  ] as const;

/** Published in OpenAPI order; SubscriptionUpdateUnits is wire-only (code, not schema). */
const updateMembers = [
  tagged(
    "base",
    variant("SubscriptionUpdateBase", {
      metadata: { schema: metadata() },
      product_id: { schema: nullable(uuid4()) },
      proration_behavior: { schema: proration() },
      discount_id: { schema: nullable(uuid4()) },
      trial_end: { schema: nullable(dateTimeOrNow()) },
    }),
  ),
  tagged(
    "seats",
    variant("SubscriptionUpdateSeats", {
      seats: { schema: integer({ ...INT32, ge: 1 }), required: true },
      proration_behavior: { schema: proration() },
    }),
  ),
  tagged(
    "units",
    variant("SubscriptionUpdateUnits", {
      units: { schema: integer({ ...INT32, ge: 1 }), required: true },
      proration_behavior: { schema: proration() },
    }),
  ),
  tagged(
    "billing_period",
    variant("SubscriptionUpdateBillingPeriod", { current_billing_period_end: { schema: dateTimeInput(), required: true } }),
  ),
  tagged(
    "cancel",
    variant("SubscriptionCancel", {
      customer_cancellation_reason: { schema: reason() },
      customer_cancellation_comment: { schema: comment() },
      cancel_at_period_end: { schema: boolean(), required: true },
    }),
  ),
  tagged(
    "revoke",
    variant("SubscriptionRevoke", {
      customer_cancellation_reason: { schema: reason() },
      customer_cancellation_comment: { schema: comment() },
      revoke: { schema: trueLiteral(), required: true },
    }),
  ),
  tagged(
    "pause",
    variant("SubscriptionPause", {
      pause_at_period_end: { schema: boolean(), required: true },
      resumes_at: { schema: nullable(dateTimeInput()) },
    }),
  ),
  tagged("resume", variant("SubscriptionResume", { resume: { schema: trueLiteral(), required: true } })),
  tagged("clear", variant("SubscriptionUpdateClear", { pending_update: { schema: noneOnly(), required: true } })),
] as const;

const PUBLISHED = updateMembers.filter(([title]) => title !== "SubscriptionUpdateUnits");

export const subscriptionUpdate = named(
  "SubscriptionUpdate",
  smartUnion<SubscriptionUpdate>(updateMembers, { anyOf: PUBLISHED.map(([, m]) => m.json), title: "SubscriptionUpdate" }),
);

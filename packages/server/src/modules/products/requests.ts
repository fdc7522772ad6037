// Request bodies of the products endpoints: ProductCreate (recurring or
// one-time, chosen by `recurring_interval`), the price-create shapes
// (discriminated by `amount_type`), ProductUpdate and ProductBenefitsUpdate.

import { issue, type Issue, type Loc } from "../../platform/schema/issues.js";
import {
  DICT_OR_OBJECT,
  INVALID,
  codePointLength,
  enumeration,
  isPlainObject,
  nullable,
  object,
  refine,
  schema,
  string,
  type ObjectOf,
  type Schema,
} from "../../platform/schema/core.js";
import { named } from "../../platform/schema/component.js";
import { list } from "../../platform/schema/list.js";
import { INT32, boolean, decimal, integer } from "../../platform/schema/numbers.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { literal, taggedUnion } from "../../platform/schema/union.js";
import { metadata } from "../customers/index.js";
import { PRESENTMENT_CURRENCIES, amountProblem } from "./currencies.js";
import {
  PRODUCT_VISIBILITIES,
  RECURRING_INTERVALS,
  TAX_BEHAVIORS,
  type ProductVisibility,
  type RecurringInterval,
  type TaxBehavior,
} from "./model.js";

/** Product names are trimmed, then must be 3–64 characters (Pydantic's `too_short`/`too_long` with "Value"). */
const productName = (): Schema<string> =>
  schema({ type: "string", minLength: 3, maxLength: 64 }, (input, loc, issues) => {
    const text = string({ rejectNul: true }).parse(input, loc, issues);
    if (text === INVALID) return INVALID;
    const value = text.trim();
    const n = codePointLength(value);
    if (n < 3) {
      issues.push(
        issue("too_short", loc, `Value should have at least 3 items after validation, not ${n}`, input, {
          field_type: "Value",
          min_length: 3,
          actual_length: n,
        }),
      );
      return INVALID;
    }
    if (n > 64) {
      issues.push(
        issue("too_long", loc, `Value should have at most 64 items after validation, not ${n}`, input, {
          field_type: "Value",
          max_length: 64,
          actual_length: n,
        }),
      );
      return INVALID;
    }
    return value;
  });

/** Trimmed; blank becomes null. */
const description = (): Schema<string | null> =>
  schema({ anyOf: [{ type: "string" }, { type: "null" }] }, (input, loc, issues) => {
    if (input === null) return null;
    const text = string({ rejectNul: true }).parse(input, loc, issues);
    if (text === INVALID) return INVALID;
    const value = text.trim();
    return value === "" ? null : value;
  });

/** `None` only (one-time products' recurring fields). */
const none = (): Schema<null> =>
  schema({ type: "null" }, (input, loc, issues) => {
    if (input === null) return null;
    issues.push(issue("none_required", loc, "Input should be None", input));
    return INVALID;
  });

const interval = (title = "RecurringInterval") => enumeration(RECURRING_INTERVALS, title);
const currency = () => enumeration(PRESENTMENT_CURRENCIES, "PresentmentCurrency");
const taxBehavior = () => nullable(enumeration(TAX_BEHAVIORS, "TaxBehaviorOption"));

/** A minor-unit amount inside the currency's bounds (0 = free), checked once the currency is known. */
function boundedAmounts<F extends Record<string, unknown>>(inner: Schema<F>, keys: readonly string[]): Schema<F> {
  return schema(inner.json, (input, loc, issues) => {
    const value = inner.parse(input, loc, issues);
    if (value === INVALID) return INVALID;
    const found: Issue[] = [];
    for (const key of keys) {
      const amount = value[key];
      if (typeof amount !== "number") continue;
      const problem = amountProblem(amount, value.price_currency as string);
      if (problem) found.push(issue(problem.type, [...loc, key], problem.msg, amount));
    }
    issues.push(...found);
    return found.length > 0 ? INVALID : value;
  });
}

const priceCommon = {
  price_currency: { schema: currency(), default: () => "usd" },
  tax_behavior: { schema: taxBehavior(), default: () => null },
};

const fixedCreate = named(
  "ProductPriceFixedCreate",
  boundedAmounts(
    object(
      {
        amount_type: { schema: literal("fixed"), required: true },
        ...priceCommon,
        price_amount: { schema: integer({ ge: 0 }), required: true },
      },
      { title: "ProductPriceFixedCreate" },
    ),
    ["price_amount"],
  ),
);

const customCreate = named(
  "ProductPriceCustomCreate",
  boundedAmounts(
    object(
      {
        amount_type: { schema: literal("custom"), required: true },
        ...priceCommon,
        minimum_amount: { schema: integer({ ge: 0 }), default: () => 50 },
        maximum_amount: { schema: nullable(integer({ ge: 1 })), default: () => null },
        preset_amount: { schema: nullable(integer({ ge: 0 })), default: () => null },
      },
      { title: "ProductPriceCustomCreate" },
    ),
    ["minimum_amount", "maximum_amount", "preset_amount"],
  ),
);

const UNIT_AMOUNT_JSON = {
  anyOf: [
    { type: "number", exclusiveMinimum: 0 },
    { type: "string", pattern: "^(?!^[-+.]*$)[+-]?0*(?:\\d{0,5}|(?=[\\d.]{1,18}0*$)\\d{0,5}\\.\\d{0,12}0*$)" },
  ],
};

const meteredCreate = named(
  "ProductPriceMeteredUnitCreate",
  object(
    {
      amount_type: { schema: literal("metered_unit"), required: true },
      ...priceCommon,
      meter_id: { schema: uuid4(), required: true },
      unit_amount: { schema: decimal({ gt: 0, maxDigits: 17, decimalPlaces: 12 }, UNIT_AMOUNT_JSON), required: true },
      cap_amount: { schema: nullable(integer({ ge: 0, le: INT32.le })), default: () => null },
    },
    { title: "ProductPriceMeteredUnitCreate" },
  ),
);

const seatTier = object(
  {
    min_seats: { schema: integer({ ge: 1 }), required: true },
    max_seats: { schema: nullable(integer({ ge: 1 })), default: () => null },
    price_per_seat: { schema: integer({ ge: 0 }), required: true },
  },
  { title: "ProductPriceSeatTier" },
);

const seatCreate = named(
  "ProductPriceSeatBasedCreate",
  object(
    {
      amount_type: { schema: literal("seat_based"), required: true },
      ...priceCommon,
      seat_tiers: {
        schema: object(
          {
            seat_tier_type: { schema: enumeration(["volume", "graduated"] as const, "SeatTierType"), default: () => "volume" },
            tiers: { schema: list(seatTier, { minLength: 1 }), required: true },
          },
          { title: "ProductPriceSeatTiers" },
        ),
        required: true,
      },
    },
    { title: "ProductPriceSeatBasedCreate" },
  ),
);

/** Unit-based pricing exists in Polar's code (behind an organization feature) but not in its published schema. */
const unitCreate = schema<Record<string, unknown>>({ type: "object" }, (input, loc, issues) => {
  const value = object({ ...priceCommon }, { title: "ProductPriceUnitBasedCreate" }).parse(input, loc, issues);
  return value === INVALID ? INVALID : { amount_type: "unit_based", ...value };
});

export type PriceCreate =
  | { amount_type: "fixed"; price_currency: string; tax_behavior: TaxBehavior | null; price_amount: number }
  | {
      amount_type: "custom";
      price_currency: string;
      tax_behavior: TaxBehavior | null;
      minimum_amount: number;
      maximum_amount: number | null;
      preset_amount: number | null;
    }
  | {
      amount_type: "metered_unit";
      price_currency: string;
      tax_behavior: TaxBehavior | null;
      meter_id: string;
      unit_amount: string;
      cap_amount: number | null;
    }
  | { amount_type: "seat_based"; price_currency: string; tax_behavior: TaxBehavior | null; seat_tiers: unknown }
  | { amount_type: "unit_based"; price_currency: string; tax_behavior: TaxBehavior | null };

/** The legacy `free` price is a fixed price of 0 (it keeps its currency and tax behaviour). */
const rewriteFree = (input: Record<string, unknown>) =>
  input.amount_type === "free"
    ? {
        amount_type: "fixed",
        price_amount: 0,
        ...(Object.prototype.hasOwnProperty.call(input, "price_currency") && { price_currency: input.price_currency }),
        ...(Object.prototype.hasOwnProperty.call(input, "tax_behavior") && { tax_behavior: input.tax_behavior }),
      }
    : input;

export const priceCreate: Schema<PriceCreate> = taggedUnion<PriceCreate>({
  key: "amount_type",
  members: { fixed: fixedCreate, custom: customCreate, seat_based: seatCreate, metered_unit: meteredCreate, unit_based: unitCreate },
  hiddenTags: ["unit_based"],
  rewrite: rewriteFree,
});

const priceList = () => ({
  ...list(priceCreate, { minLength: 1 }),
  json: { type: "array", items: priceCreate.json, minItems: 1, title: "ProductPriceCreateList" },
});

const createCommon = {
  metadata: { schema: metadata(), default: () => ({}) },
  name: { schema: productName(), required: true },
  description: { schema: description(), default: () => null },
  visibility: { schema: enumeration(PRODUCT_VISIBILITIES, "ProductVisibility"), default: () => "public" as ProductVisibility },
  prices: { schema: priceList(), required: true },
  medias: { schema: nullable(list(uuid4())), default: () => null },
  attached_custom_fields: {
    schema: list(
      object(
        { custom_field_id: { schema: uuid4(), required: true }, required: { schema: boolean(), required: true } },
        { title: "AttachedCustomFieldCreate" },
      ),
    ),
    default: () => [],
  },
  organization_id: { schema: nullable(uuid4()), default: () => null },
};

const recurringFields = object(
  {
    ...createCommon,
    trial_interval: { schema: nullable(interval("TrialInterval")), default: () => null },
    trial_interval_count: { schema: nullable(integer({ ge: 1, le: 1000 })), default: () => null },
    recurring_interval: { schema: interval(), required: true },
    recurring_interval_count: { schema: integer({ ge: 1, le: 999 }), default: () => 1 },
    meter_interval: { schema: nullable(interval()), default: () => null },
    meter_interval_count: { schema: nullable(integer({ ge: 1, le: 999 })), default: () => null },
  },
  { title: "ProductCreateRecurring", notAnObject: DICT_OR_OBJECT },
);

const bothTrialFields = (value: { trial_interval?: unknown; trial_interval_count?: unknown }, input: unknown, loc: Loc) =>
  (value.trial_interval == null) !== (value.trial_interval_count == null)
    ? issue("missing", loc, "Both trial_interval and trial_interval_count must be set together.", input)
    : undefined;

const recurringCreate = named("ProductCreateRecurring", refine(recurringFields, bothTrialFields));

const oneTimeFields = object(
  {
    ...createCommon,
    recurring_interval: { schema: none(), default: () => null },
    recurring_interval_count: { schema: none(), default: () => null },
  },
  { title: "ProductCreateOneTime", notAnObject: DICT_OR_OBJECT },
);
const oneTimeCreate = named("ProductCreateOneTime", oneTimeFields);

type CreateCommon = ObjectOf<typeof oneTimeFields.fields>;
export type ProductCreate = Omit<CreateCommon, "recurring_interval" | "recurring_interval_count"> & {
  name: string;
  prices: PriceCreate[];
  recurring_interval: RecurringInterval | null;
  recurring_interval_count: number | null;
  trial_interval?: RecurringInterval | null;
  trial_interval_count?: number | null;
  meter_interval?: RecurringInterval | null;
  meter_interval_count?: number | null;
};

/** Recurring when `recurring_interval` is given and not null, one-time otherwise. */
export const productCreate = named(
  "ProductCreate",
  schema<ProductCreate>({ anyOf: [recurringCreate.json, oneTimeCreate.json] }, (input, loc, issues) => {
    const recurring = isPlainObject(input) && input.recurring_interval != null;
    const value = recurring
      ? recurringCreate.parse(input, [...loc, "recurring"], issues)
      : oneTimeCreate.parse(input, [...loc, "one_time"], issues);
    return value as ProductCreate;
  }),
);

/** `{"id": …}` names a price the product already has (other keys are ignored); anything else creates a price. */
export type PriceUpdateItem = { id: string } | PriceCreate;

const existingPrice = named("ExistingProductPrice", object({ id: { schema: uuid4(), required: true } }, { title: "ExistingProductPrice" }));

const priceUpdateItem = schema<PriceUpdateItem>({ anyOf: [existingPrice.json, priceCreate.json] }, (input, loc, issues) =>
  isPlainObject(input) && Object.prototype.hasOwnProperty.call(input, "id")
    ? (existingPrice.parse(input, loc, issues) as { id: string })
    : priceCreate.parse(input, loc, issues),
);

const updateFields = object(
  {
    metadata: { schema: metadata() },
    trial_interval: { schema: nullable(interval("TrialInterval")) },
    trial_interval_count: { schema: nullable(integer({ ge: 1, le: 1000 })) },
    name: { schema: nullable(productName()) },
    description: { schema: description() },
    recurring_interval: { schema: nullable(interval()) },
    recurring_interval_count: { schema: nullable(integer({ ge: 1, le: 999 })) },
    is_archived: { schema: nullable(boolean()) },
    visibility: { schema: nullable(enumeration(PRODUCT_VISIBILITIES, "ProductVisibility")) },
    prices: { schema: nullable(list(priceUpdateItem)) },
    medias: { schema: nullable(list(uuid4())) },
    attached_custom_fields: {
      schema: nullable(
        list(
          object(
            { custom_field_id: { schema: uuid4(), required: true }, required: { schema: boolean(), required: true } },
            { title: "AttachedCustomFieldCreate" },
          ),
        ),
      ),
    },
  },
  { title: "ProductUpdate", notAnObject: DICT_OR_OBJECT },
);

export const productUpdate = named("ProductUpdate", updateFields);
export type ProductUpdate = ObjectOf<typeof updateFields.fields>;

const benefitsFields = object(
  { benefits: { schema: list(uuid4()), required: true } },
  { title: "ProductBenefitsUpdate", notAnObject: DICT_OR_OBJECT },
);
export const productBenefitsUpdate = named("ProductBenefitsUpdate", benefitsFields);
export type ProductBenefitsUpdate = { benefits: string[] };

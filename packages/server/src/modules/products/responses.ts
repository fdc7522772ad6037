// The Product response: the product, its active prices (a union by
// `amount_type`), its benefits (full Benefit objects) and the media/custom
// field lists (always empty: this server has no files or custom fields).
import type { JsonSchema } from "../../platform/schema/core.js";
import { component, ref } from "../../platform/schema/component.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import {
  listResource,
  nullableJson as nullable,
  responseObject,
  type ResponseField,
  type ResponseObject,
  type ResponseSchema,
} from "../../platform/schema/response.js";
import { benefitResponse, type BenefitRecord } from "../benefits/index.js";
import { METADATA_JSON } from "../customers/index.js";
import { METER_UNIT_JSON, type MeterRecord } from "../meters/index.js";
import {
  PRODUCT_VISIBILITIES,
  RECURRING_INTERVALS,
  TAX_BEHAVIORS,
  type AmountType,
  type PriceRecord,
  type ProductRecord,
} from "./model.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };
const int: JsonSchema = { type: "integer" };
const INTERVAL = component("RecurringInterval", { type: "string", enum: [...RECURRING_INTERVALS], title: "RecurringInterval" });
const TRIAL_INTERVAL = component("TrialInterval", { type: "string", enum: [...RECURRING_INTERVALS], title: "TrialInterval" });
const TAX = component("TaxBehaviorOption", { type: "string", enum: [...TAX_BEHAVIORS], title: "TaxBehaviorOption" });

/** A price with what its serialisation needs from the product and the meters. */
export interface PriceView {
  price: PriceRecord;
  /** The product's interval (null for one-time products): the deprecated wire-only `type`/`recurring_interval` follow it. */
  recurringInterval: string | null;
  meter: MeterRecord | null;
}

/** A product with its benefits and the meters its prices use: what one Product response shows. */
export interface ProductView {
  product: ProductRecord;
  benefits: BenefitRecord[];
  meters: ReadonlyMap<string, MeterRecord>;
}

const METER = responseObject<MeterRecord>("ProductPriceMeter", [
  { key: "id", json: uuid, value: (m) => m.id },
  { key: "name", json: { type: "string" }, value: (m) => m.name },
  { key: "unit", json: METER_UNIT_JSON, value: (m) => m.unit },
  { key: "custom_label", json: nullable({ type: "string" }), value: (m) => m.customLabel },
  { key: "custom_multiplier", json: nullable(int), value: (m) => m.customMultiplier },
]);

const common = (amountType: AmountType): ResponseField<PriceView>[] => [
  { key: "created_at", json: dateTime, value: ({ price }) => formatDateTime(price.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: ({ price }) => formatNullableDateTime(price.modifiedAt) },
  { key: "id", json: uuid, value: ({ price }) => price.id },
  { key: "source", json: { type: "string", enum: ["catalog", "ad_hoc"], title: "ProductPriceSource" }, value: () => "catalog" },
  { key: "amount_type", json: { type: "string", const: amountType }, value: ({ price }) => price.amountType },
  { key: "price_currency", json: { type: "string" }, value: ({ price }) => price.priceCurrency },
  { key: "tax_behavior", json: nullable(ref(TAX)), value: ({ price }) => price.taxBehavior },
  { key: "is_archived", json: { type: "boolean" }, value: ({ price }) => price.isArchived },
  { key: "product_id", json: uuid, value: ({ price }) => price.productId },
];

const PRICE_TYPES: Record<AmountType, ResponseObject<PriceView>> = {
  fixed: responseObject("ProductPriceFixed", [
    ...common("fixed"),
    { key: "price_amount", json: int, value: ({ price }) => price.priceAmount },
  ]),
  custom: responseObject("ProductPriceCustom", [
    ...common("custom"),
    { key: "minimum_amount", json: int, value: ({ price }) => price.minimumAmount },
    { key: "maximum_amount", json: nullable(int), value: ({ price }) => price.maximumAmount },
    { key: "preset_amount", json: nullable(int), value: ({ price }) => price.presetAmount },
  ]),
  seat_based: responseObject("ProductPriceSeatBased", [
    ...common("seat_based"),
    { key: "seat_tiers", json: { type: "object" }, value: () => null },
  ]),
  metered_unit: responseObject("ProductPriceMeteredUnit", [
    ...common("metered_unit"),
    { key: "unit_amount", json: { type: "string" }, value: ({ price }) => price.unitAmount },
    { key: "cap_amount", json: nullable(int), value: ({ price }) => price.capAmount },
    { key: "meter_id", json: uuid, value: ({ price }) => price.meterId },
    { key: "meter", json: METER.json, value: ({ meter }) => (meter ? METER.serialize(meter) : null) },
  ]),
};

const PRICE = component("ProductPrice", {
  oneOf: Object.values(PRICE_TYPES).map((p) => p.json),
  discriminator: {
    propertyName: "amount_type",
    mapping: Object.fromEntries(Object.entries(PRICE_TYPES).map(([t, p]) => [t, `#/components/schemas/${p.component.name}`])),
  },
});

/** A price; also the deprecated wire-only `type` and `recurring_interval` Polar still sends. */
export const priceResponse: ResponseSchema<PriceView> = {
  component: PRICE,
  json: ref(PRICE),
  serialize: (view) => ({
    ...PRICE_TYPES[view.price.amountType].serialize(view),
    type: view.recurringInterval === null ? "one_time" : "recurring",
    recurring_interval: view.recurringInterval,
  }),
};

const priceViews = ({ product, meters }: ProductView): PriceView[] =>
  product.prices.map((price) => ({
    price,
    recurringInterval: product.recurringInterval,
    meter: price.meterId === null ? null : (meters.get(price.meterId) ?? null),
  }));

export const productResponse = responseObject<ProductView>("Product", [
  { key: "id", json: uuid, value: ({ product }) => product.id },
  { key: "created_at", json: dateTime, value: ({ product }) => formatDateTime(product.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: ({ product }) => formatNullableDateTime(product.modifiedAt) },
  { key: "trial_interval", json: nullable(ref(TRIAL_INTERVAL)), value: ({ product }) => product.trialInterval },
  { key: "trial_interval_count", json: nullable(int), value: ({ product }) => product.trialIntervalCount },
  { key: "name", json: { type: "string" }, value: ({ product }) => product.name },
  { key: "description", json: nullable({ type: "string" }), value: ({ product }) => product.description },
  {
    key: "visibility",
    json: { type: "string", enum: [...PRODUCT_VISIBILITIES], title: "ProductVisibility" },
    value: ({ product }) => product.visibility,
  },
  { key: "recurring_interval", json: nullable(ref(INTERVAL)), value: ({ product }) => product.recurringInterval },
  { key: "recurring_interval_count", json: nullable(int), value: ({ product }) => product.recurringIntervalCount },
  { key: "meter_interval", json: nullable(ref(INTERVAL)), value: ({ product }) => product.meterInterval },
  { key: "meter_interval_count", json: nullable(int), value: ({ product }) => product.meterIntervalCount },
  { key: "is_recurring", json: { type: "boolean" }, value: ({ product }) => product.recurringInterval !== null },
  { key: "is_archived", json: { type: "boolean" }, value: ({ product }) => product.isArchived },
  { key: "organization_id", json: uuid, value: ({ product }) => product.organizationId },
  { key: "metadata", json: METADATA_JSON, value: ({ product }) => product.metadata },
  {
    key: "prices",
    json: { type: "array", items: priceResponse.json },
    value: (view) => priceViews(view).map((p) => priceResponse.serialize(p)),
  },
  {
    key: "benefits",
    json: { type: "array", items: benefitResponse.json },
    value: ({ benefits }) => benefits.map((b) => benefitResponse.serialize(b)),
  },
  { key: "medias", json: { type: "array", items: { type: "object", title: "ProductMediaFileRead" } }, value: () => [] },
  { key: "attached_custom_fields", json: { type: "array", items: { type: "object", title: "AttachedCustomField" } }, value: () => [] },
]);

export const productListResponse = listResource(productResponse);

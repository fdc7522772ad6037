// Response bodies, described the way request bodies are: one ordered field
// list produces both the JSON we send and the schema we publish, so the two
// cannot drift apart.

import type { JsonSchema } from "./core.js";
import { component, ref, type Component } from "./component.js";

export interface ResponseField<T> {
  key: string;
  json: JsonSchema;
  value: (source: T) => unknown;
}

export interface ResponseSchema<T> {
  readonly component: Component;
  /** `$ref` to the component, for use inside other schemas. */
  readonly json: JsonSchema;
  serialize(value: T): unknown;
}

export interface ResponseObject<T> extends ResponseSchema<T> {
  readonly fields: readonly ResponseField<T>[];
  /** Serialises into a plain object whose keys follow the field order. */
  serialize(value: T): Record<string, unknown>;
}

const objectJson = (title: string, fields: readonly { key: string; json: JsonSchema }[]): JsonSchema => ({
  type: "object",
  title,
  properties: Object.fromEntries(fields.map((f) => [f.key, f.json])),
  required: fields.map((f) => f.key),
});

export function responseObject<T>(name: string, fields: readonly ResponseField<T>[], options: { title?: string } = {}): ResponseObject<T> {
  const target = component(name, objectJson(options.title ?? name, fields));
  return {
    component: target,
    json: ref(target),
    fields,
    serialize(value) {
      const out: Record<string, unknown> = {};
      for (const field of fields) out[field.key] = field.value(value);
      return out;
    },
  };
}

/** A response object built from another's fields plus more (Polar's schema inheritance, e.g. CustomerState extends Customer). */
export function extendResponse<T, U extends T>(
  base: ResponseObject<T>,
  name: string,
  extra: readonly ResponseField<U>[],
): ResponseObject<U> {
  return responseObject<U>(name, [...(base.fields as readonly ResponseField<U>[]), ...extra]);
}

export const nullableJson = (json: JsonSchema): JsonSchema => ({ anyOf: [json, { type: "null" }] });

export interface Page<T> {
  items: readonly T[];
  /** Exact number of matching items over all pages. */
  totalCount: number;
  /** The page size the caller asked for (after clamping), which max_page is computed from. */
  limit: number;
}

const pagination = component(
  "Pagination",
  objectJson("Pagination", [
    { key: "total_count", json: { type: "integer" } },
    { key: "max_page", json: { type: "integer" } },
  ]),
);

/** Polar's `ListResource[X]`: `{items, pagination: {total_count, max_page}}`. */
export function listResource<T>(item: ResponseSchema<T>): ResponseSchema<Page<T>> {
  const name = `ListResource_${item.component.name}_`;
  const target = component(name, {
    type: "object",
    title: `ListResource[${item.component.name}]`,
    properties: { items: { type: "array", items: item.json }, pagination: ref(pagination) },
    required: ["items", "pagination"],
  });
  return {
    component: target,
    json: ref(target),
    serialize: (page) => ({
      items: page.items.map((value) => item.serialize(value)),
      pagination: { total_count: page.totalCount, max_page: Math.ceil(page.totalCount / page.limit) },
    }),
  };
}

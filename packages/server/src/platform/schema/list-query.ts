// Polar's list conventions, declared once: `page` (from 1) and `limit` (a page
// size clamped to 100), repeatable `sorting` over an allowed set with a
// default, then the endpoint's own filters. Every list endpoint gets the same
// parsing, the same 422s and the same OpenAPI parameters by declaring one.

import { issue, type Issue } from "./issues.js";
import { expectedList } from "./core.js";
import { parseQueryInteger } from "./scalars.js";
import { allValues, lastValue, type QueryDefinition, type QueryField, type QueryValues, type RawQuery } from "./query.js";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

export interface SortKey<Field extends string = string> {
  field: Field;
  descending: boolean;
}

export interface ListQuery<Field extends string, Filters> {
  /** Page size after clamping. */
  limit: number;
  offset: number;
  /** Never empty: the default applies when the client sends none. */
  sorting: SortKey<Field>[];
  filters: Filters;
}

export interface ListQuerySpec<Field extends string, F extends Record<string, QueryField<unknown>>> {
  sortFields: readonly Field[];
  defaultSorting: readonly SortKey<Field>[];
  filters: F;
}

const sortValue = (key: SortKey) => (key.descending ? `-${key.field}` : key.field);

export function listQuery<Field extends string, F extends Record<string, QueryField<unknown>>>(
  spec: ListQuerySpec<Field, F>,
): QueryDefinition<ListQuery<Field, QueryValues<F>>> {
  const sortValues = spec.sortFields.flatMap((field) => [field, `-${field}`]);
  const allowed: ReadonlySet<string> = new Set(sortValues);
  const expected = expectedList(sortValues);
  const filters = Object.entries(spec.filters);

  const pageNumber = (query: RawQuery, name: string, fallback: number, issues: Issue[]): number => {
    const text = lastValue(query[name]);
    const value = text === undefined ? fallback : parseQueryInteger(text, ["query", name], issues, 0);
    return typeof value === "number" ? value : fallback;
  };

  return {
    paginated: true,
    parameters: [
      ...filters.map(([name, field]) => field.parameter(name)),
      {
        name: "page",
        in: "query",
        required: false,
        schema: { type: "integer", exclusiveMinimum: 0, default: 1 },
        description: "Page number, from 1.",
      },
      {
        name: "limit",
        in: "query",
        required: false,
        schema: { type: "integer", exclusiveMinimum: 0, default: DEFAULT_PAGE_SIZE },
        description: `Size of a page; values above ${MAX_PAGE_SIZE} are treated as ${MAX_PAGE_SIZE}.`,
      },
      // A list without sort fields (Polar's webhook lists) has a fixed order and no `sorting` parameter.
      ...(spec.sortFields.length === 0
        ? []
        : [
            {
              name: "sorting",
              in: "query",
              required: false,
              schema: {
                anyOf: [{ type: "array", items: { type: "string", enum: sortValues } }, { type: "null" }],
                default: spec.defaultSorting.map(sortValue),
              },
              description: "Sorting criteria; prefix with - for descending order. Repeatable.",
            },
          ]),
    ],
    // Pydantic validates in declaration order: page, limit, sorting, then the filters.
    parse(query, issues) {
      const page = pageNumber(query, "page", 1, issues);
      const limit = Math.min(pageNumber(query, "limit", DEFAULT_PAGE_SIZE, issues), MAX_PAGE_SIZE);
      const sorting: SortKey<Field>[] = [];
      if (spec.sortFields.length > 0)
        allValues(query.sorting).forEach((text, index) => {
          if (!allowed.has(text)) {
            issues.push(issue("enum", ["query", "sorting", index], `Input should be ${expected}`, text, { expected }));
            return;
          }
          const descending = text.startsWith("-");
          sorting.push({ field: (descending ? text.slice(1) : text) as Field, descending });
        });
      const values: Record<string, unknown> = {};
      for (const [name, field] of filters) values[name] = field.parse(query, name, issues);
      return {
        limit,
        offset: (page - 1) * limit,
        sorting: sorting.length > 0 ? sorting : [...spec.defaultSorting],
        filters: values as QueryValues<F>,
      };
    },
  };
}

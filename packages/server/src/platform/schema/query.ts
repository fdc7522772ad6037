// Query-string and path parameters: each definition both parses (with
// Pydantic's issues at `["query", name]` / `["path", name]`) and describes
// itself as an OpenAPI parameter, so the two cannot disagree.

import { issue, type Issue } from "./issues.js";
import { INVALID, expectedList, type JsonSchema, type Schema } from "./core.js";
import { parseUuid4 } from "./uuid.js";
import { parseQueryBoolean } from "./scalars.js";

export type RawQuery = Record<string, string | string[] | undefined>;

export const allValues = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
/** Starlette's `query_params[name]`: a repeated key gives its last value. */
export const lastValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[value.length - 1] : value;

/** One query parameter: its OpenAPI description and how to read it from the raw query. */
export interface QueryField<T> {
  parameter(name: string): JsonSchema;
  parse(query: RawQuery, name: string, issues: Issue[]): T;
}

export type QueryValues<F extends Record<string, QueryField<unknown>>> = { [K in keyof F]: F[K] extends QueryField<infer T> ? T : never };

/** How an operation reads its whole query string. */
export interface QueryDefinition<T> {
  readonly parameters: readonly JsonSchema[];
  /** Set for Polar's page/limit lists (the SDKs' `x-speakeasy-pagination`). */
  readonly paginated: boolean;
  parse(query: RawQuery, issues: Issue[]): T;
}

const parameter = (name: string, schema: JsonSchema, description: string, extra: JsonSchema = {}): JsonSchema => ({
  name,
  in: "query",
  required: false,
  schema,
  description,
  ...extra,
});

/** Plain query parameters, parsed in declaration order. */
export function queryParams<F extends Record<string, QueryField<unknown>>>(fields: F): QueryDefinition<QueryValues<F>> {
  const entries = Object.entries(fields);
  return {
    parameters: entries.map(([name, field]) => field.parameter(name)),
    paginated: false,
    parse(query, issues) {
      const out: Record<string, unknown> = {};
      for (const [name, field] of entries) out[name] = field.parse(query, name, issues);
      return out as QueryValues<F>;
    },
  };
}

/** `?name=true|false` with Pydantic's lax spellings; `fallback` when absent or invalid. */
export function booleanParam<D extends boolean | undefined>(description: string, fallback: D): QueryField<boolean | D> {
  return {
    parameter: (name) =>
      parameter(
        name,
        fallback === undefined ? { anyOf: [{ type: "boolean" }, { type: "null" }] } : { type: "boolean", default: fallback },
        description,
      ),
    parse(query, name, issues) {
      const text = lastValue(query[name]);
      if (text === undefined) return fallback;
      const value = parseQueryBoolean(text, ["query", name], issues);
      return value === INVALID ? fallback : value;
    },
  };
}

/** `?name=text`, the last one when repeated; an empty value counts as absent when `emptyIsAbsent`. */
export function textParam(description: string, options: { emptyIsAbsent?: boolean } = {}): QueryField<string | undefined> {
  return {
    parameter: (name) => parameter(name, { anyOf: [{ type: "string" }, { type: "null" }] }, description),
    parse(query, name) {
      const text = lastValue(query[name]);
      return options.emptyIsAbsent && text === "" ? undefined : text;
    },
  };
}

/**
 * `UUID4 | list[UUID4] | None`, repeatable. Pydantic reports a bad value on both
 * union branches: the scalar branch once for the whole list, the list branch
 * (named after its inner schema) per bad element.
 */
export function uuidListParam(description: string): QueryField<string[] | undefined> {
  const LIST_BRANCH = "list[uuid]";
  return {
    parameter: (name) =>
      parameter(
        name,
        { anyOf: [{ type: "string", format: "uuid4" }, { type: "array", items: { type: "string", format: "uuid4" } }, { type: "null" }] },
        description,
      ),
    parse(query, name, issues) {
      const texts = allValues(query[name]);
      if (texts.length === 0) return undefined;
      const branchIssues: Issue[] = [];
      const ids = texts.map((text, index) => parseUuid4(text, ["query", name, LIST_BRANCH, index], branchIssues));
      if (branchIssues.length === 0) return ids as string[];
      issues.push(
        issue("uuid_type", ["query", name, "uuid"], "UUID input should be a string, bytes or UUID object", texts),
        ...branchIssues,
      );
      return undefined;
    },
  };
}

/** `metadata[key]=value` pairs (deepObject style): key → accepted values, OR within a key. */
export function metadataParam(description: string): QueryField<Record<string, string[]> | undefined> {
  return {
    parameter: (name) =>
      parameter(
        name,
        { type: "object", additionalProperties: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } },
        description,
        { style: "deepObject" },
      ),
    parse(query, name) {
      const pattern = new RegExp(`^${name}\\[([^\\]]+)\\]`);
      const out: Record<string, string[]> = Object.create(null); // keys such as `toString` or `__proto__` are plain keys
      let any = false;
      for (const [key, value] of Object.entries(query)) {
        const match = pattern.exec(key);
        if (!match) continue;
        (out[match[1]] ??= []).push(...allValues(value));
        any = true;
      }
      return any ? out : undefined;
    },
  };
}

/** A path parameter: the schema that parses it (issues at `["path", name]`) and its documentation. */
export interface PathParam<T> {
  schema: Schema<T>;
  description: string;
  /** Documentation only. */
  example?: string;
}

export const pathParam = <T>(schema: Schema<T>, description: string, example?: string): PathParam<T> => ({ schema, description, example });

export type PathValues<P extends Record<string, PathParam<unknown>>> = { [K in keyof P]: P[K] extends PathParam<infer T> ? T : never };

export function parsePath<P extends Record<string, PathParam<unknown>>>(
  params: P,
  raw: Record<string, string>,
  issues: Issue[],
): PathValues<P> {
  const out: Record<string, unknown> = {};
  for (const name in params) out[name] = params[name].schema.parse(raw[name], ["path", name], issues);
  return out as PathValues<P>;
}

export const pathParameterDocs = (params: Record<string, PathParam<unknown>>): JsonSchema[] =>
  Object.entries(params).map(([name, p]) => ({
    name,
    in: "path",
    required: true,
    schema: { ...p.schema.json, description: p.description },
    ...(p.example !== undefined && { example: p.example }),
  }));

const enumIssue = (values: readonly string[], loc: (string | number)[], input: unknown): Issue => {
  const expected = expectedList(values);
  return issue("enum", loc, `Input should be ${expected}`, input, { expected });
};

/** `list[Enum] | None`, repeatable: each bad value is reported at its index. */
export function enumListParam<V extends string>(values: readonly V[], description: string, title?: string): QueryField<V[] | undefined> {
  const allowed: ReadonlySet<string> = new Set(values);
  return {
    parameter: (name) =>
      parameter(
        name,
        { anyOf: [{ type: "array", items: { type: "string", enum: [...values], ...(title && { title }) } }, { type: "null" }] },
        description,
      ),
    parse(query, name, issues) {
      const texts = allValues(query[name]);
      if (texts.length === 0) return undefined;
      let ok = true;
      texts.forEach((text, index) => {
        if (!allowed.has(text)) {
          issues.push(enumIssue(values, ["query", name, index], text));
          ok = false;
        }
      });
      return ok ? (texts as V[]) : undefined;
    },
  };
}

/**
 * `Enum | list[Enum] | None`, repeatable. Like uuidListParam, a bad value is
 * reported on both union branches, each under the branch's schema name
 * (`<kind>[<EnumClass>]` and `list[…]`).
 */
export function enumOrListParam<V extends string>(
  values: readonly V[],
  description: string,
  enumName: string,
  kind = "str-enum",
): QueryField<V[] | undefined> {
  const allowed: ReadonlySet<string> = new Set(values);
  const scalarBranch = `${kind}[${enumName}]`;
  const listBranch = `list[${scalarBranch}]`;
  const item = { type: "string", enum: [...values], title: enumName };
  return {
    parameter: (name) => parameter(name, { anyOf: [item, { type: "array", items: item }, { type: "null" }] }, description),
    parse(query, name, issues) {
      const texts = allValues(query[name]);
      if (texts.length === 0) return undefined;
      const bad = texts.flatMap((text, index) => (allowed.has(text) ? [] : [enumIssue(values, ["query", name, listBranch, index], text)]));
      if (bad.length === 0) return texts as V[];
      issues.push(enumIssue(values, ["query", name, scalarBranch], texts), ...bad);
      return undefined;
    },
  };
}

/** `str | list[str] | None`, repeatable: every value kept as sent. */
export function textListParam(description: string): QueryField<string[] | undefined> {
  return {
    parameter: (name) =>
      parameter(name, { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }, { type: "null" }] }, description),
    parse(query, name) {
      const texts = allValues(query[name]);
      return texts.length === 0 ? undefined : texts;
    },
  };
}

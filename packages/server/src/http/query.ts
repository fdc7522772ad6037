// Query and path parameters of the customers endpoints, validated in the
// order Polar's handler declares them so combined 422s list issues alike.

import { issue, type Issue, type Loc } from "../schema/issues.js";
import { INVALID, expectedList } from "../schema/core.js";
import { parseUuid4 } from "../schema/uuid.js";
import { parseQueryBoolean, parseQueryInteger } from "../schema/scalars.js";
import { ValidationFailed } from "../domain/errors.js";
import type { ListParams } from "../domain/customers/service.js";
import type { SortField, SortKey } from "../storage/types.js";

export type RawQuery = Record<string, string | string[] | undefined>;

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;
export const SORT_VALUES = ["created_at", "-created_at", "email", "-email", "name", "-name"] as const;
const SORT_EXPECTED = expectedList(SORT_VALUES);
const METADATA_KEY = /^metadata\[([^\]]+)\]/;
/** Pydantic names the list branch of `UUID4 | list[UUID4]` after its inner schema. */
const ORGANIZATION_LIST_BRANCH = "list[uuid]";

const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const last = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[value.length - 1] : value);

export function parseListQuery(query: RawQuery): ListParams {
  const issues: Issue[] = [];

  const pageText = last(query.page);
  const page = pageText === undefined ? 1 : parseQueryInteger(pageText, ["query", "page"], issues, 0);
  const limitText = last(query.limit);
  const limit = limitText === undefined ? DEFAULT_PAGE_SIZE : parseQueryInteger(limitText, ["query", "limit"], issues, 0);

  const sorting: SortKey[] = [];
  const sortTexts = all(query.sorting);
  sortTexts.forEach((text, index) => {
    if ((SORT_VALUES as readonly string[]).includes(text)) {
      const descending = text.startsWith("-");
      sorting.push({ field: (descending ? text.slice(1) : text) as SortField, descending });
    } else {
      issues.push(issue("enum", ["query", "sorting", index], `Input should be ${SORT_EXPECTED}`, text, { expected: SORT_EXPECTED }));
    }
  });

  const metadata: Record<string, string[]> = Object.create(null); // keys such as `toString` or `__proto__` are plain keys
  for (const [name, value] of Object.entries(query)) {
    const match = METADATA_KEY.exec(name);
    if (match) (metadata[match[1]] ??= []).push(...all(value));
  }

  const organizationTexts = all(query.organization_id);
  let organizationIds: string[] | undefined;
  if (organizationTexts.length > 0) {
    const branchIssues: Issue[] = [];
    const ids = organizationTexts.map((text, index) => parseUuid4(text, ["query", "organization_id", ORGANIZATION_LIST_BRANCH, index], branchIssues));
    if (branchIssues.length > 0) {
      issues.push(issue("uuid_type", ["query", "organization_id", "uuid"], "UUID input should be a string, bytes or UUID object", organizationTexts), ...branchIssues);
    } else {
      organizationIds = ids as string[];
    }
  }

  const email = last(query.email);
  const search = last(query.query);
  const activeText = last(query.active);
  const active = activeText === undefined ? undefined : parseQueryBoolean(activeText, ["query", "active"], issues);

  rejectIfAny(issues);
  return {
    organizationIds,
    email,
    query: search === "" ? undefined : search,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
    active: active as boolean | undefined,
    sorting: sorting.length > 0 ? sorting : [{ field: "created_at", descending: true }],
    limit: Math.min(limit as number, MAX_PAGE_SIZE),
    offset: ((page as number) - 1) * Math.min(limit as number, MAX_PAGE_SIZE),
  };
}

export function parseAnonymize(query: RawQuery, issues: Issue[]): boolean {
  const text = last(query.anonymize);
  const value = text === undefined ? false : parseQueryBoolean(text, ["query", "anonymize"], issues);
  return value === INVALID ? false : value;
}

export function parsePathId(value: string, issues: Issue[], loc: Loc = ["path", "id"]): string {
  const id = parseUuid4(value, loc, issues);
  return id === INVALID ? "" : id;
}

/** Throws the collected schema issues of one request together, as FastAPI does. */
export function rejectIfAny(issues: Issue[]): void {
  if (issues.length > 0) throw new ValidationFailed(issues, "RequestValidationError");
}

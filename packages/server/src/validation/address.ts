// AddressInput validation, reproducing the pydantic model Polar
// uses: field errors first (in field order), then — only when every field is
// valid — the model-level US/CA state check located at the address itself.
// The NUL rule of Polar's other strings deliberately does not apply here:
// AddressInput is not a subclass of Polar's `Schema` base. (The customers
// module's addressInput schema adds it on top.)

import { issue, type Issue, type Loc } from "../platform/schema/issues.js";
import { CA_PROVINCES, INPUT_COUNTRIES, US_STATES } from "./countries.js";
import { expectedList, isPlainObject, unicodeIssue } from "../platform/schema/core.js";
import { pyStrip } from "./pyText.js";

/** A postal address as Polar stores it (ISO 3166-1 alpha-2 country; US/CA states as `US-CA`). */
export interface Address {
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  state: string | null;
  country: string;
}

/** Free-text fields: wire name → Address property, in the model's field order. */
export const ADDRESS_TEXT_FIELDS = [
  ["line1", "line1"],
  ["line2", "line2"],
  ["postal_code", "postalCode"],
  ["city", "city"],
  ["state", "state"],
] as const;

const INPUT_COUNTRY_SET = new Set(INPUT_COUNTRIES);
const COUNTRY_EXPECTED = expectedList(INPUT_COUNTRIES);
const US_STATE_SET = new Set(US_STATES);
const CA_PROVINCE_SET = new Set(CA_PROVINCES);

export interface AddressResult {
  value: Address | null;
  issues: Issue[];
}

export function parseAddress(input: unknown, loc: Loc): AddressResult {
  if (!isPlainObject(input)) {
    return {
      value: null,
      issues: [
        issue("model_type", loc, "Input should be a valid dictionary or instance of AddressInput", input, {
          class_name: "AddressInput",
        }),
      ],
    };
  }

  const issues: Issue[] = [];
  const text: Record<string, string | null> = {};
  for (const [wireName, property] of ADDRESS_TEXT_FIELDS) {
    const parsed = parseOptionalText(input[wireName], [...loc, wireName]);
    if (parsed.ok) text[property] = parsed.value;
    else issues.push(parsed.issue);
  }

  const country = parseCountry(input, loc);
  if (!country.ok) issues.push(country.issue);

  if (issues.length > 0 || !country.ok) return { value: null, issues };

  const address: Address = {
    line1: text.line1,
    line2: text.line2,
    postalCode: text.postalCode,
    city: text.city,
    state: text.state,
    country: country.value,
  };
  const stateIssue = normaliseSubdivision(address, input, loc);
  return stateIssue ? { value: null, issues: [stateIssue] } : { value: address, issues: [] };
}

type TextResult = { ok: true; value: string | null } | { ok: false; issue: Issue };

/** Absent/null → null; strings are trimmed and blank becomes null; anything else (or a lone surrogate) is an issue. */
function parseOptionalText(value: unknown, loc: Loc): TextResult {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value !== "string") return { ok: false, issue: issue("string_type", loc, "Input should be a valid string", value) };
  const unicode = unicodeIssue(value, loc);
  if (unicode) return { ok: false, issue: unicode };
  const trimmed = pyStrip(value);
  return { ok: true, value: trimmed === "" ? null : trimmed };
}

type CountryResult = { ok: true; value: string } | { ok: false; issue: Issue };

function parseCountry(input: Record<string, unknown>, loc: Loc): CountryResult {
  const countryLoc = [...loc, "country"];
  if (!("country" in input) || input.country === undefined) {
    return { ok: false, issue: issue("missing", countryLoc, "Field required", input) };
  }
  // Polar upper-cases before the enum check, so the error echoes the upper-cased value.
  const raw = input.country;
  const candidate = typeof raw === "string" ? raw.toUpperCase() : raw;
  if (typeof candidate === "string" && INPUT_COUNTRY_SET.has(candidate)) return { ok: true, value: candidate };
  return {
    ok: false,
    issue: issue("enum", countryLoc, `Input should be ${COUNTRY_EXPECTED}`, candidate, { expected: COUNTRY_EXPECTED }),
  };
}

/**
 * US states and Canadian provinces are stored as ISO 3166-2 codes: a bare
 * code gets the country prefix (case-sensitively, as Polar does), then must be
 * a known subdivision. Mutates `address.state`; returns the error, if any.
 */
function normaliseSubdivision(address: Address, input: Record<string, unknown>, loc: Loc): Issue | undefined {
  const rule =
    address.country === "US"
      ? { prefix: "US-", known: US_STATE_SET, message: "Value error, Invalid US state" }
      : address.country === "CA"
        ? { prefix: "CA-", known: CA_PROVINCE_SET, message: "Value error, Invalid CA subdivision" }
        : undefined;
  if (rule === undefined || address.state === null) return undefined;
  const state = address.state.startsWith(rule.prefix) ? address.state : rule.prefix + address.state;
  if (!rule.known.has(state)) return issue("value_error", loc, rule.message, input, { error: {} });
  address.state = state;
  return undefined;
}

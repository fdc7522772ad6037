// Polar's field types used by the customer schemas (email, locale, address,
// metadata), expressed in our schema layer on top of the pure validators.

import { MAX_ISSUES, issue, type Issue, type Loc } from "../../platform/schema/issues.js";
import {
  INVALID,
  NUL_MESSAGE,
  UNICODE_MESSAGE,
  boundedCodePointLength,
  unicodeIssue,
  isPlainObject,
  nullable,
  blankAsNull,
  schema,
  string,
  type Invalid,
  type Schema,
} from "../../platform/schema/core.js";
import { LAX_FALSE, LAX_TRUE } from "../../platform/schema/scalars.js";
import { JsonFloat } from "../../platform/schema/floats.js";
import { parseEmail } from "../../validation/email.js";
import { normalizeLocale } from "../../validation/locale.js";
import { ADDRESS_TEXT_FIELDS, parseAddress } from "../../validation/address.js";
import { INPUT_COUNTRIES } from "../../validation/countries.js";
import { component, ref } from "../../platform/schema/component.js";
import type { Address, Metadata, MetadataValue } from "./model.js";

export const MAX_EMAIL_LENGTH = 2048;

export const email = (): Schema<string> =>
  schema({ type: "string", format: "email", examples: ["customer@example.com"] }, (input, loc, issues) => {
    if (typeof input !== "string") {
      issues.push(issue("string_type", loc, "Input should be a valid string", input));
      return INVALID;
    }
    if (input.includes("\u0000")) {
      issues.push(issue("value_error", loc, NUL_MESSAGE, input, { error: {} }));
      return INVALID;
    }
    const unicode = unicodeIssue(input, loc);
    if (unicode) {
      issues.push(unicode);
      return INVALID;
    }
    const result = parseEmail(input); // applies the 2048-character cap first
    if (!result.ok) {
      issues.push(issue("value_error", loc, `value is not a valid email address: ${result.reason}`, input, { reason: result.reason }));
      return INVALID;
    }
    return result.email;
  });

/** Optional text: trimmed, blank becomes null, U+0000 rejected. */
export const optionalText = (maxLength?: number): Schema<string | null> =>
  blankAsNull(nullable(string({ trim: true, rejectNul: true, maxLength })));

const LOCALE_EXAMPLES = ["en", "en-US", "fr", "fr-CA"];

export const locale = (): Schema<string> =>
  schema(
    {
      type: "string",
      description: "Locale of the customer, given as an IETF BCP 47 language tag, e.g. `en`, `en-US` or `en-GB-oxendict`.",
      examples: LOCALE_EXAMPLES,
    },
    (input, loc, issues) => {
      const text = string({ rejectNul: true }).parse(input, loc, issues);
      if (text === INVALID) return INVALID;
      const normalized = normalizeLocale(text);
      if (normalized === null) {
        issues.push(issue("value_error", loc, "Value error, Invalid IETF BCP 47 language tag", input, { error: {} }));
        return INVALID;
      }
      return normalized;
    },
  );

const nullableText = { anyOf: [{ type: "string" }, { type: "null" }] };

const ADDRESS_INPUT = component("AddressInput", {
  type: "object",
  title: "AddressInput",
  properties: {
    line1: nullableText,
    line2: nullableText,
    postal_code: nullableText,
    city: nullableText,
    state: nullableText,
    country: { type: "string", enum: [...INPUT_COUNTRIES], title: "CountryAlpha2Input", examples: ["US", "SE", "FR"] },
  },
  required: ["country"],
});

export const addressInput = (): Schema<Address> =>
  schema(ref(ADDRESS_INPUT), (input, loc, issues) => {
    const result = parseAddress(input, loc);
    if (result.issues.length > 0 || result.value === null) {
      issues.push(...result.issues);
      return INVALID;
    }
    // Polar's AddressInput lets U+0000 through and PostgreSQL then fails (500); answer the usual NUL error instead.
    const address = result.value;
    const nul = ADDRESS_TEXT_FIELDS.filter(([, property]) => address[property]?.includes("\u0000"));
    for (const [wireName, property] of nul)
      issues.push(issue("value_error", [...loc, wireName], NUL_MESSAGE, address[property], { error: {} }));
    return nul.length > 0 ? INVALID : address;
  });

// --- metadata ---------------------------------------------------------------

export const METADATA_MAX_KEYS = 50;
export const METADATA_MAX_KEY_LENGTH = 40;
export const METADATA_MAX_VALUE_LENGTH = 500;

const LAX_INT = /^\s*[+-]?\d+(_\d+)*\s*$/;
const LAX_FLOAT = /^\s*[+-]?(\d+(_\d+)*(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i;

/**
 * One metadata value: `str (1..500) | int | float | bool`, Pydantic's smart
 * union. When every branch fails, one issue per branch is reported, each
 * under the branch's name, exactly as Polar answers.
 */
function parseMetadataValue(input: unknown, loc: Loc, issues: Issue[]): MetadataValue | Invalid {
  if (typeof input === "boolean") return input;
  if (typeof input === "number" || input instanceof JsonFloat) {
    const value = typeof input === "number" ? input : input.value;
    if (Number.isFinite(value)) return input;
    // `1e400`: Python reads infinity; no JSON column can store it, so refuse it here.
    issues.push(
      issue("string_type", [...loc, "constrained-str"], "Input should be a valid string", input),
      issue("finite_number", [...loc, "int"], "Input should be a finite number", input),
      issue("finite_number", [...loc, "float"], "Input should be a finite number", input),
      issue("bool_type", [...loc, "bool"], "Input should be a valid boolean", input),
    );
    return INVALID;
  }
  if (typeof input === "string") {
    if (input.includes("\u0000")) {
      issues.push(issue("value_error", loc, NUL_MESSAGE, input, { error: {} }));
      return INVALID;
    }
    if (!input.isWellFormed()) {
      // Every branch first reads the text as Unicode (see unicodeIssue), so each fails the same way.
      issues.push(
        ...["constrained-str", "int", "float", "bool"].map((branch) => issue("string_unicode", [...loc, branch], UNICODE_MESSAGE, input)),
      );
      return INVALID;
    }
    const length = boundedCodePointLength(input, METADATA_MAX_VALUE_LENGTH);
    if (length >= 1 && length <= METADATA_MAX_VALUE_LENGTH) return input;
    // Lax branches: a numeric or boolean-looking string outside the string limits still converts.
    if (LAX_INT.test(input)) return Number(input.replace(/_/g, ""));
    if (LAX_FLOAT.test(input)) return Number(input);
    if (LAX_TRUE.has(input.toLowerCase())) return true;
    if (LAX_FALSE.has(input.toLowerCase())) return false;
    issues.push(
      length < 1
        ? issue("string_too_short", [...loc, "constrained-str"], "String should have at least 1 character", input, { min_length: 1 })
        : issue(
            "string_too_long",
            [...loc, "constrained-str"],
            `String should have at most ${METADATA_MAX_VALUE_LENGTH} characters`,
            input,
            { max_length: METADATA_MAX_VALUE_LENGTH },
          ),
      issue("int_parsing", [...loc, "int"], "Input should be a valid integer, unable to parse string as an integer", input),
      issue("float_parsing", [...loc, "float"], "Input should be a valid number, unable to parse string as a number", input),
      issue("bool_parsing", [...loc, "bool"], "Input should be a valid boolean, unable to interpret input", input),
    );
    return INVALID;
  }
  issues.push(
    issue("string_type", [...loc, "constrained-str"], "Input should be a valid string", input),
    issue("int_type", [...loc, "int"], "Input should be a valid integer", input),
    issue("float_type", [...loc, "float"], "Input should be a valid number", input),
    issue("bool_type", [...loc, "bool"], "Input should be a valid boolean", input),
  );
  return INVALID;
}

export const METADATA_JSON = {
  type: "object",
  title: "Metadata",
  maxProperties: METADATA_MAX_KEYS,
  propertyNames: { minLength: 1, maxLength: METADATA_MAX_KEY_LENGTH },
  additionalProperties: {
    anyOf: [
      { type: "string", minLength: 1, maxLength: METADATA_MAX_VALUE_LENGTH },
      { type: "integer" },
      { type: "number" },
      { type: "boolean" },
    ],
  },
  description:
    "Key-value pairs for your own use: up to 50 keys of at most 40 characters; values are strings of 1 to 500 characters, integers, numbers or booleans.",
};

/** One metadata value on its own (`str (1..500) | int | float | bool`), for maps with other key rules (event metadata). */
export const metadataValue = (): Schema<MetadataValue> => schema(METADATA_JSON.additionalProperties, parseMetadataValue);

export const metadata = (): Schema<Metadata> =>
  schema(METADATA_JSON, (input, loc, issues) => {
    if (!isPlainObject(input)) {
      issues.push(issue("dict_type", loc, "Input should be a valid dictionary", input));
      return INVALID;
    }
    const out: Metadata = {};
    let ok = true;
    for (const [key, value] of Object.entries(input)) {
      // A huge object is not validated to its end: the answer is a 422 already, and its list is cut.
      if (issues.length >= MAX_ISSUES) return INVALID;
      const keyLoc = [...loc, key, "[key]"];
      const keyLength = boundedCodePointLength(key, METADATA_MAX_KEY_LENGTH);
      const unicode = unicodeIssue(key, keyLoc);
      if (key.includes("\u0000")) {
        issues.push(issue("value_error", keyLoc, NUL_MESSAGE, key, { error: {} }));
        ok = false;
      } else if (unicode) {
        issues.push(unicode);
        ok = false;
      } else if (keyLength < 1) {
        issues.push(issue("string_too_short", keyLoc, "String should have at least 1 character", key, { min_length: 1 }));
        ok = false;
      } else if (keyLength > METADATA_MAX_KEY_LENGTH) {
        issues.push(
          issue("string_too_long", keyLoc, `String should have at most ${METADATA_MAX_KEY_LENGTH} characters`, key, {
            max_length: METADATA_MAX_KEY_LENGTH,
          }),
        );
        ok = false;
      }
      const parsed = parseMetadataValue(value, [...loc, key], issues);
      if (parsed === INVALID) ok = false;
      else Object.defineProperty(out, key, { value: parsed, enumerable: true, writable: true, configurable: true }); // `__proto__` is a key like any other
    }
    if (!ok) return INVALID;
    const count = Object.keys(out).length;
    if (count > METADATA_MAX_KEYS) {
      issues.push(
        issue("too_long", loc, `Dictionary should have at most ${METADATA_MAX_KEYS} items after validation, not ${count}`, input, {
          field_type: "Dictionary",
          max_length: METADATA_MAX_KEYS,
          actual_length: count,
        }),
      );
      return INVALID;
    }
    return out;
  });

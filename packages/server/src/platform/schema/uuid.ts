// UUID parsing with Pydantic's (Rust `uuid` crate's) error details, so a bad
// path id or organization_id gets the same 422 text Polar returns.

import { issue, type Issue, type Loc } from "./issues.js";
import { INVALID, schema, type Invalid, type Schema } from "./core.js";

const HEX = /^[0-9a-fA-F]$/;
const GROUP_STARTS = [0, 9, 14, 19, 24];
const GROUP_LENGTHS = [8, 4, 4, 4, 12];
const URN = "urn:uuid:";

/** Canonical lower-case hyphenated form, or null when the text is not a UUID. */
export function canonicalUuid(text: string): string | null {
  let body = text;
  if (text.length === 38 && text[0] === "{" && text[37] === "}") body = text.slice(1, 37);
  else if (text.length === 45 && text.startsWith(URN)) body = text.slice(URN.length);
  let hex: string;
  if (body.length === 32 && text.length === 32) hex = body;
  else if (body.length === 36 && body[8] === "-" && body[13] === "-" && body[18] === "-" && body[23] === "-") hex = body.replace(/-/g, "");
  else return null;
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return null;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const utf8Length = (s: string) => Buffer.byteLength(s, "utf8");

/** The parser's explanation of why `text` is not a UUID (the part after "Input should be a valid UUID, "). */
export function uuidErrorDetail(text: string): string {
  let body = text;
  let offset = 0;
  let simple = true;
  if (text.startsWith("{") && text.endsWith("}") && text.length >= 2) {
    body = text.slice(1, -1);
    offset = 1;
    simple = false;
  } else if (text.startsWith(URN)) {
    body = text.slice(URN.length);
    offset = URN.length;
    simple = false;
  }
  let hyphens = 0;
  const bounds: number[] = [];
  let byteIndex = 0;
  for (const ch of body) {
    if (ch === "-") {
      if (hyphens < 4) bounds.push(byteIndex);
      hyphens++;
    } else if (!HEX.test(ch)) {
      return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${ch}\` at ${byteIndex + offset + 1}`;
    }
    byteIndex += utf8Length(ch);
  }
  if (hyphens === 0 && simple) return `invalid length: expected length 32 for simple format, found ${utf8Length(body)}`;
  if (hyphens !== 4) return `invalid group count: expected 5, found ${hyphens + 1}`;
  for (let i = 0; i < 4; i++) {
    if (bounds[i] !== GROUP_STARTS[i + 1] - 1) {
      return `invalid group length in group ${i}: expected ${GROUP_LENGTHS[i]}, found ${bounds[i] - GROUP_STARTS[i]}`;
    }
  }
  return `invalid group length in group 4: expected 12, found ${utf8Length(body) - GROUP_STARTS[4]}`;
}

/** Already canonical and version 4: the form every client sends, checked with one regex. */
const CANONICAL_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Validates a UUID version 4 given as text; returns the canonical form. */
export function parseUuid4(input: unknown, loc: Loc, issues: Issue[]): string | Invalid {
  if (typeof input === "string" && CANONICAL_V4.test(input)) return input;
  if (typeof input !== "string") {
    issues.push(issue("uuid_type", loc, "UUID input should be a string, bytes or UUID object", input));
    return INVALID;
  }
  const canonical = canonicalUuid(input);
  if (canonical === null) {
    const detail = uuidErrorDetail(input);
    issues.push(issue("uuid_parsing", loc, `Input should be a valid UUID, ${detail}`, input, { error: detail }));
    return INVALID;
  }
  if (canonical[14] !== "4") {
    issues.push(issue("uuid_version", loc, "UUID version 4 expected", input, { expected_version: 4 }));
    return INVALID;
  }
  return canonical;
}

export const uuid4 = (): Schema<string> => schema({ type: "string", format: "uuid4" }, parseUuid4);

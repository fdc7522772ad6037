// Email address validation as Polar's pydantic `EmailStr` performs it:
// pydantic's own pre-processing (length cap, "Name <addr>" reduction,
// trimming), then email-validator 2.3 with deliverability checks off, quoted
// local parts and domain literals disallowed, and test-environment mode on
// (so `test` domains are accepted). No DNS is consulted.

import { checkDomainLiteral, validateDomainName } from "./emailDomain.js";
import { EmailSyntaxError, checkDotAtom, checkUnsafeCharacters, displayCharacter, listDisplays } from "./emailChars.js";
import { PY_SPACE, codePoints, pyRstrip, pyStrip, utf8Length } from "./pyText.js";
import { boundedCodePointLength, codePointLength } from "../platform/schema/core.js";

export type EmailResult = { ok: true; email: string } | { ok: false; reason: string; ctx?: Record<string, unknown> };

/** pydantic's cap, checked before any parsing. */
const PYDANTIC_MAX_LENGTH = 2048;
/** RFC 3696 (with errata) limit on a whole address, in UTF-8 octets. */
const EMAIL_MAX_LENGTH = 254;

const ATEXT = "a-zA-Z0-9_!#$%&'*+\\-/=?^`{|}~";
const ATEXT_OR_DOT = new RegExp(`^[.${ATEXT}]$`);
const DOT_ATOM = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);
const ATEXT_INTL = `${ATEXT}\\u{80}-\\u{10FFFF}`;
const ATEXT_INTL_OR_DOT = new RegExp(`^[.${ATEXT_INTL}]$`, "u");
const DOT_ATOM_INTL = new RegExp(`^[${ATEXT_INTL}]+(?:\\.[${ATEXT_INTL}]+)*$`, "u");
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const QUOTED_TEXT = /^[\u0020-\u007E\u{80}-\u{10FFFF}]$/u;

/** RFC 2142 mailbox names that are case-insensitive; the library lower-cases them. */
const CASE_INSENSITIVE_MAILBOXES = new Set([
  "info",
  "marketing",
  "sales",
  "support",
  "abuse",
  "noc",
  "security",
  "postmaster",
  "hostmaster",
  "usenet",
  "news",
  "webmaster",
  "www",
  "uucp",
  "ftp",
]);

/**
 * pydantic's "pretty" address form: an optional unquoted (word characters,
 * whitespace-separated) or quoted display name, then `<addr>`. Python's `\w`
 * is Unicode letters/numbers/underscore, `.` excludes only "\n", and the match
 * must cover the whole input.
 */
const NAME_CHAR = "[\\p{L}\\p{N}_!#$%&'*+\\-/=?^`{|}~]";
const PRETTY_EMAIL = new RegExp(
  `^${PY_SPACE}*(?:((?:${NAME_CHAR}+${PY_SPACE}+)*${NAME_CHAR}+)|"((?:[^"]|")+)")?${PY_SPACE}*<([^\\n]+)>${PY_SPACE}*$`,
  "u",
);

export function parseEmail(input: string): EmailResult {
  if (boundedCodePointLength(input, PYDANTIC_MAX_LENGTH) > PYDANTIC_MAX_LENGTH) {
    return { ok: false, reason: `Length must not exceed ${PYDANTIC_MAX_LENGTH} characters` };
  }
  const pretty = PRETTY_EMAIL.exec(input);
  const address = pyStrip(pretty ? pretty[3] : input);
  try {
    return { ok: true, email: validateEmail(address) };
  } catch (error) {
    if (error instanceof EmailSyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** email-validator's `validate_email`; returns the normalised address. */
function validateEmail(email: string): string {
  const { displayName, localPart, domainPart, quoted } = splitEmail(email);
  const original = (quoted ? `"${localPart}"` : localPart) + "@" + domainPart;

  let local = validateLocalPart(localPart, quoted);
  // RFC 6532 asks for NFC; the normalised local part must itself be valid.
  const nfc = local.localPart.normalize("NFC");
  if (nfc !== local.localPart) {
    try {
      validateLocalPart(nfc, quoted);
    } catch (error) {
      if (error instanceof EmailSyntaxError) throw new EmailSyntaxError(`After Unicode normalization: ${error.message}`);
      throw error;
    }
    local = { ...local, localPart: nfc };
  }
  if (quoted) throw new EmailSyntaxError("Quoting the part before the @-sign is not allowed here.");
  if (local.asciiLocalPart !== null && CASE_INSENSITIVE_MAILBOXES.has(local.asciiLocalPart.toLowerCase())) {
    local = { localPart: local.localPart.toLowerCase(), asciiLocalPart: local.asciiLocalPart.toLowerCase() };
  }

  if (domainPart.length === 0) throw new EmailSyntaxError("There must be something after the @-sign.");
  if (domainPart.startsWith("[") && domainPart.endsWith("]")) {
    checkDomainLiteral(domainPart.slice(1, -1));
    throw new EmailSyntaxError("A bracketed IP address after the @-sign is not allowed here.");
  }
  const { domain, asciiDomain } = validateDomainName(domainPart);

  const normalized = `${local.localPart}@${domain}`;
  checkEmailLength(original, normalized, `${local.asciiLocalPart ?? local.localPart}@${asciiDomain}`);

  if (displayName !== null) {
    throw new EmailSyntaxError("A display name and angle brackets around the email address are not permitted here.");
  }
  return normalized;
}

interface SplitEmail {
  displayName: string | null;
  localPart: string;
  domainPart: string;
  quoted: boolean;
}

/**
 * Splits `[display name] <local@domain>` or `local@domain`. Quoted strings may
 * contain "@" and "<"; a character that NFC-combines with what follows
 * ("<" + U+0338 → "≮") is not treated as special.
 */
function splitEmail(email: string): SplitEmail {
  let [left, right] = splitAtUnquoted(email, ["@", "<"]);
  let displayName: string | null = null;
  if (right.startsWith("<")) {
    const [name, nameQuoted] = unquote(pyRstrip(left));
    if (!nameQuoted) {
      const invalid = codePoints(name).filter((c) => (!ATEXT_OR_DOT.test(c) && c !== " ") || c === ".");
      if (invalid.length > 0) {
        throw new EmailSyntaxError(`The display name contains invalid characters when not quoted: ${listDisplays(invalid)}.`);
      }
    }
    checkUnsafeCharacters(name, true);
    if (!right.includes(">")) {
      throw new EmailSyntaxError(
        "An open angle bracket at the start of the email address has to be followed by a close angle bracket at the end.",
      );
    }
    right = pyRstrip(right, " ");
    if (!right.endsWith(">")) throw new EmailSyntaxError("There can't be anything after the email address.");
    displayName = name;
    [left, right] = splitAtUnquoted(pyRstrip(right.slice(1), ">"), ["@"]);
  }
  const domainPart = right.startsWith("@") ? right.slice(1) : right;
  const [localPart, quoted] = unquote(left);
  return { displayName, localPart, domainPart, quoted };
}

function splitAtUnquoted(text: string, specials: readonly string[]): [string, string] {
  const chars = codePoints(text);
  let insideQuote = false;
  let escaped = false;
  let index = 0;
  for (; index < chars.length; index++) {
    const c = chars[index];
    // Only the characters whose role matters pay for the NFC look-ahead.
    const mayBeSpecial = c === '"' || c === "\\" || specials.includes(c) || (insideQuote && escaped);
    if (mayBeSpecial && combinesWithFollowing(chars, index)) continue;
    if (insideQuote) {
      if (c === "\\" && !escaped) escaped = true;
      else if (c === '"' && !escaped) {
        insideQuote = false;
        escaped = false;
      } else escaped = false;
    } else if (c === '"') {
      insideQuote = true;
    } else if (specials.includes(c)) {
      break;
    }
  }
  if (index === chars.length) {
    if (text.includes("\uff20")) {
      throw new EmailSyntaxError('The email address has the "full-width" at-sign (@) character instead of a regular at-sign.');
    }
    if (text.includes("\ufe6b")) {
      throw new EmailSyntaxError('The email address has the "small commercial at" character instead of a regular at-sign.');
    }
    throw new EmailSyntaxError("An email address must have an @-sign.");
  }
  return [chars.slice(0, index).join(""), chars.slice(index).join("")];
}

function combinesWithFollowing(chars: readonly string[], index: number): boolean {
  const rest = chars.slice(index).join("").normalize("NFC");
  return String.fromCodePoint(rest.codePointAt(0)!) !== chars[index];
}

/** Removes surrounding quotes and backslash escapes; reports whether the text was quoted. */
function unquote(text: string): [string, boolean] {
  const chars = codePoints(text);
  if (chars[0] !== '"') return [text, false];
  let value = "";
  let escaped = false;
  for (let i = 1; i < chars.length; i++) {
    const c = chars[i];
    if (escaped) {
      value += c;
      escaped = false;
    } else if (c === "\\") {
      escaped = true;
    } else if (c === '"') {
      if (i !== chars.length - 1) {
        throw new EmailSyntaxError(
          `Extra character(s) found after close quote: ${chars
            .slice(i + 1)
            .map(displayCharacter)
            .join(", ")}`,
        );
      }
      break;
    } else {
      value += c;
    }
  }
  return [value, true];
}

interface LocalPart {
  localPart: string;
  /** Null when the local part needs SMTPUTF8. */
  asciiLocalPart: string | null;
}

/** email-validator 2.3 non-strict: no 64-character limit on the local part. */
function validateLocalPart(local: string, quoted: boolean): LocalPart {
  if (local.length === 0) throw new EmailSyntaxError("There must be something before the @-sign.");
  if (DOT_ATOM.test(local)) return { localPart: local, asciiLocalPart: local };

  let form: "dot-atom" | "quoted" | null = null;
  let needsUtf8 = false;
  if (DOT_ATOM_INTL.test(local)) {
    form = "dot-atom";
    needsUtf8 = true;
  } else if (quoted) {
    const invalid = codePoints(local).filter((c) => !QUOTED_TEXT.test(c));
    if (invalid.length > 0) {
      throw new EmailSyntaxError(`The email address contains invalid characters in quotes before the @-sign: ${listDisplays(invalid)}.`);
    }
    needsUtf8 = /[^\x20-\x7e]/.test(local);
    form = "quoted";
  }

  if (form !== null) {
    checkUnsafeCharacters(local, form === "quoted");
    // Lone surrogates cannot be encoded as UTF-8.
    if (LONE_SURROGATE.test(local)) throw new EmailSyntaxError("The email address contains an invalid character.");
    const value = form === "quoted" ? `"${local.replace(/(["\\])/g, "\\$1")}"` : local;
    return { localPart: value, asciiLocalPart: needsUtf8 ? null : value };
  }

  const invalid = codePoints(local).filter((c) => !ATEXT_INTL_OR_DOT.test(c));
  if (invalid.length > 0) {
    throw new EmailSyntaxError(`The email address contains invalid characters before the @-sign: ${listDisplays(invalid)}.`);
  }
  checkDotAtom(
    local,
    "An email address cannot start with a {}.",
    "An email address cannot have a {} immediately before the @-sign.",
    false,
  );
  throw new EmailSyntaxError("The email address contains invalid characters before the @-sign.");
}

/** The whole-address 254-octet limit, checked on the input, the normalised form and the IDNA ASCII form. */
function checkEmailLength(original: string, normalized: string, asciiForm: string): void {
  const originalBytes = utf8Length(original);
  const diff = originalBytes - EMAIL_MAX_LENGTH;
  if (diff > 0) {
    const characters = codePointLength(original);
    const plural = diff > 1 ? "s" : "";
    if (characters === originalBytes) throw new EmailSyntaxError(`The email address is too long (${diff} character${plural} too many).`);
    // Multi-byte characters: only a range of characters to remove can be given.
    const maxBytesPerChar = Math.max(...codePoints(original).map(utf8Length));
    const fewest = Math.max(1, Math.floor(diff / maxBytesPerChar));
    const range = fewest === diff ? `${diff}` : `${fewest}-${diff}`;
    throw new EmailSyntaxError(`The email address is too long (${range} character${plural} too many).`);
  }
  for (const [address, description] of [
    [normalized, "after normalization"],
    [asciiForm, "when the part after the @-sign is converted to IDNA ASCII"],
  ] as const) {
    const over = utf8Length(address) - EMAIL_MAX_LENGTH;
    if (over > 0) throw new EmailSyntaxError(`The email address is too long ${description} (${over} byte${over > 1 ? "s" : ""} too many).`);
  }
}

// The part after the @-sign: email-validator 2.3's domain-name and
// domain-literal checks, in its order, with its reasons. IDNA processing uses
// Node's WHATWG URL implementation (UTS #46 mapping + Punycode) with an
// approximation of IDNA 2008 code point validity (see `checkIdna2008Label`).

import { isIPv6 } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import { EmailSyntaxError, checkDotAtom, checkUnsafeCharacters, generalCategory, listDisplays, tooManyCharacters } from "./emailChars.js";
import { codePoints } from "./pyText.js";

const HOSTNAME_CHAR = /^[a-zA-Z0-9\-.\u{80}-\u{10FFFF}]$/u;
const HOSTNAME_LABEL = "(?:(?:[a-zA-Z0-9][a-zA-Z0-9-]*)?[a-zA-Z0-9])";
const ASCII_HOSTNAME = new RegExp(`^${HOSTNAME_LABEL}(?:\\.${HOSTNAME_LABEL})*$`);
const DOMAIN_MAX_LENGTH = 253;
const DNS_LABEL_MAX_LENGTH = 63;
/** UTS #46 treats these as label separators, so they map to "." legitimately. */
const FULL_STOPS = new Set(["\u002e", "\u3002", "\uff0e", "\uff61"]);
/**
 * IANA special-use names (email-validator's list). `test` is omitted because
 * Polar runs the validator in test-environment mode, where it is allowed.
 */
const SPECIAL_USE_DOMAINS = ["arpa", "invalid", "local", "localhost", "onion"];
/** Polar's test-environment mode also accepts the bare `test` domain. */
const DOTLESS_ALLOWED = "test";

export interface DomainInfo {
  /** Canonical Unicode form (what the normalised address carries). */
  domain: string;
  /** IDNA ASCII form. */
  asciiDomain: string;
}

export function validateDomainName(original: string): DomainInfo {
  const invalid = codePoints(original).filter((c) => !HOSTNAME_CHAR.test(c));
  if (invalid.length > 0) throw new EmailSyntaxError(`The part after the @-sign contains invalid characters: ${listDisplays(invalid)}.`);
  checkUnsafeCharacters(original);

  const domain = uts46Remap(original);
  const invalidAfter = codePoints(domain).filter((c) => !HOSTNAME_CHAR.test(c));
  if (invalidAfter.length > 0) {
    throw new EmailSyntaxError(
      `The part after the @-sign contains invalid characters after Unicode normalization: ${listDisplays(invalidAfter)}.`,
    );
  }

  checkDotAtom(domain, "An email address cannot have a {} immediately after the @-sign.", "An email address cannot end with a {}.", true);
  for (const label of domain.split(".")) {
    // RFC 5890 reserves "??--" labels for A-labels ("xn--").
    if (/^(?!xn)[^\n][^\n]--/i.test(label)) {
      throw new EmailSyntaxError(
        "An email address cannot have two letters followed by two dashes immediately after the @-sign or after a period, except Punycode.",
      );
    }
  }

  const asciiDomain = ASCII_HOSTNAME.test(domain) ? domain : toIdnaAscii(domain);
  checkLengths(asciiDomain, original);
  checkGloballyDeliverable(asciiDomain);
  return { domain: toIdnaUnicode(asciiDomain), asciiDomain };
}

/**
 * UTS #46 mapping (case folding, compatibility mapping, NFC, alternative full
 * stops). Done per code point so a character the mapping rejects can be named,
 * as email-validator 2.3 does ("contains invalid characters: '⒈'").
 */
function uts46Remap(domain: string): string {
  const rejected: string[] = [];
  let mapped = "";
  for (const c of codePoints(domain)) {
    if (c.codePointAt(0)! < 0x80) {
      mapped += c.toLowerCase();
      continue;
    }
    const m = mapCodePoint(c);
    // A character that expands into a label separator (⒈ → "1.") would change the domain's structure.
    if (m === null || (m.includes(".") && !FULL_STOPS.has(c))) rejected.push(c);
    else mapped += m;
  }
  if (rejected.length > 0) throw new EmailSyntaxError(`The part after the @-sign contains invalid characters: ${listDisplays(rejected)}.`);
  return mapped.normalize("NFC");
}

/** Maps one non-ASCII code point through Node's UTS #46 implementation; null when disallowed. */
function mapCodePoint(c: string): string | null {
  if (FULL_STOPS.has(c)) return ".";
  const alone = domainToASCII(c);
  if (alone !== "") return domainToUnicode(alone);
  // A combining mark cannot start a label; behind a hyphen (which composes with nothing) it can be mapped.
  const behindHyphen = domainToASCII("-" + c);
  if (behindHyphen !== "") {
    const unicode = domainToUnicode(behindHyphen);
    if (unicode.startsWith("-")) return unicode.slice(1);
  }
  return null;
}

/** idna.alabel per label: IDNA 2008 checks, Punycode, label length. */
function toIdnaAscii(domain: string): string {
  const labels = domain.split(".").map((label) => {
    checkIdna2008Label(label);
    // eslint-disable-next-line no-control-regex -- "is this label pure ASCII", control characters included
    const ascii = /^[\x00-\x7f]*$/.test(label) ? label : domainToASCII(label);
    if (ascii === "") throw new EmailSyntaxError(`The part after the @-sign is invalid (Invalid label ${pyRepr(label)}).`);
    if (ascii.length > DNS_LABEL_MAX_LENGTH) throw new EmailSyntaxError("The part after the @-sign is invalid (Label too long).");
    return ascii;
  });
  const ascii = labels.join(".");
  if (!ASCII_HOSTNAME.test(ascii)) {
    throw new EmailSyntaxError("The email address contains invalid characters after the @-sign after IDNA encoding.");
  }
  return ascii;
}

/** Joiners and the few punctuation marks IDNA 2008 permits in context (CONTEXTJ/CONTEXTO). */
const CONTEXTUAL = new Set([0x200c, 0x200d, 0xb7, 0x375, 0x5f3, 0x5f4, 0x30fb]);

/**
 * Approximates IDNA 2008 (RFC 5892) validity with general categories: after
 * UTS #46 mapping, lower-case/other letters, marks and digits are PVALID;
 * symbols and punctuation (emoji, ☃, …) are DISALLOWED.
 */
function checkIdna2008Label(label: string): void {
  const chars = codePoints(label);
  if (chars.length > 0 && generalCategory(chars[0]).startsWith("M")) {
    throw new EmailSyntaxError("The part after the @-sign is invalid (Label begins with illegal combining character).");
  }
  if (label.slice(2, 4) === "--" && !label.startsWith("xn--")) {
    throw new EmailSyntaxError("The part after the @-sign is invalid (Label has disallowed hyphens in 3rd and 4th position).");
  }
  chars.forEach((c, index) => {
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 || CONTEXTUAL.has(cp)) return;
    if (!["Ll", "Lo", "Lm", "Mn", "Mc", "Nd"].includes(generalCategory(c))) {
      const hex = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
      throw new EmailSyntaxError(
        `The part after the @-sign is invalid (Codepoint ${hex} at position ${index + 1} of ${pyRepr(label)} not allowed).`,
      );
    }
  });
}

function checkLengths(asciiDomain: string, original: string): void {
  if (asciiDomain.length > DOMAIN_MAX_LENGTH) {
    if (asciiDomain === original) {
      throw new EmailSyntaxError(
        `The email address is too long after the @-sign ${tooManyCharacters(asciiDomain.length, DOMAIN_MAX_LENGTH)}.`,
      );
    }
    const diff = asciiDomain.length - DOMAIN_MAX_LENGTH;
    throw new EmailSyntaxError(
      `The email address is too long after the @-sign (${diff} byte${diff === 1 ? "" : "s"} too many after IDNA encoding).`,
    );
  }
  for (const label of asciiDomain.split(".")) {
    if (label.length > DNS_LABEL_MAX_LENGTH) {
      throw new EmailSyntaxError(
        `After the @-sign, periods cannot be separated by so many characters ${tooManyCharacters(label.length, DNS_LABEL_MAX_LENGTH)}.`,
      );
    }
  }
}

function checkGloballyDeliverable(asciiDomain: string): void {
  if (!asciiDomain.includes(".") && asciiDomain !== DOTLESS_ALLOWED) {
    throw new EmailSyntaxError("The part after the @-sign is not valid. It should have a period.");
  }
  // Every top-level domain currently ends with a letter.
  if (!/[A-Za-z]$/.test(asciiDomain)) {
    throw new EmailSyntaxError("The part after the @-sign is not valid. It is not within a valid top-level domain.");
  }
  for (const special of SPECIAL_USE_DOMAINS) {
    if (asciiDomain === special || asciiDomain.endsWith("." + special)) {
      throw new EmailSyntaxError("The part after the @-sign is a special-use or reserved name that cannot be used with email.");
    }
  }
}

/** The canonical Unicode form; an ASCII domain that only looks like IDNA ("xn--0") is rejected. */
function toIdnaUnicode(asciiDomain: string): string {
  if (!/(^|\.)xn--/.test(asciiDomain)) return asciiDomain;
  if (domainToASCII(asciiDomain) === "") throw new EmailSyntaxError("The part after the @-sign is not valid IDNA (Invalid A-label).");
  return domainToUnicode(asciiDomain);
}

function pyRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/'/g, "\\'")}'`;
}

// ── domain literals ("[127.0.0.1]") ──────────────────────────────────────────

const DOMAIN_LITERAL_CHAR = /^[\u0021-\u00FA\u005E-\u007E]$/u;

/**
 * Parses a bracketed literal only to produce the library's precise reason;
 * Polar never allows literals, so a well-formed one is still rejected by the caller.
 */
export function checkDomainLiteral(literal: string): void {
  if (/^[0-9.]+$/.test(literal)) {
    const problem = ipv4Problem(literal);
    if (problem !== null) {
      throw new EmailSyntaxError(
        `The address in brackets after the @-sign is not valid: It is not an IPv4 address (${problem}) or is missing an address literal tag.`,
      );
    }
    return;
  }
  if (literal.startsWith("IPv6:")) {
    const address = literal.slice(5);
    if (!isIPv6(address)) {
      throw new EmailSyntaxError(`The IPv6 address in brackets after the @-sign is not valid (${ipv6Problem(address)}).`);
    }
    return;
  }
  if (!literal.includes(":")) {
    throw new EmailSyntaxError("The part after the @-sign in brackets is not an IPv4 address and has no address literal tag.");
  }
  const invalid = codePoints(literal).filter((c) => !DOMAIN_LITERAL_CHAR.test(c));
  if (invalid.length > 0) {
    throw new EmailSyntaxError(`The part after the @-sign contains invalid characters in brackets: ${listDisplays(invalid)}.`);
  }
  throw new EmailSyntaxError("The part after the @-sign contains an invalid address literal tag in brackets.");
}

/** Python `ipaddress.IPv4Address` error text, or null when valid. */
function ipv4Problem(address: string): string | null {
  const octets = address.split(".");
  if (octets.length !== 4) return `Expected 4 octets in ${pyRepr(address)}`;
  for (const octet of octets) {
    let problem: string | null = null;
    if (octet === "") problem = "Empty octet not permitted";
    else if (octet.length > 3) problem = `At most 3 characters permitted in ${pyRepr(octet)}`;
    else if (octet !== "0" && octet.startsWith("0")) problem = `Leading zeros are not permitted in ${pyRepr(octet)}`;
    else if (Number(octet) > 255) problem = `Octet ${Number(octet)} (> 255) not permitted`;
    if (problem !== null) return `${problem} in ${pyRepr(address)}`;
  }
  return null;
}

/** The most common Python `IPv6Address` complaints; other malformations get a generic text. */
function ipv6Problem(address: string): string {
  for (const part of address.split(":")) {
    if (part !== "" && !/^[0-9a-fA-F]+$/.test(part) && !part.includes(".")) {
      return `Only hex digits permitted in ${pyRepr(part)} in ${pyRepr(address)}`;
    }
    if (part.length > 4 && !part.includes(".")) return `At most 4 characters permitted in ${pyRepr(part)} in ${pyRepr(address)}`;
  }
  return `Not a valid IPv6 address: ${pyRepr(address)}`;
}

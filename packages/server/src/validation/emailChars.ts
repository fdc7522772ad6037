// Character classification and display shared by the email validators. Error
// reasons must read exactly like email-validator's (a Python library), so
// characters are shown the way it shows them: `'x'` for visible characters,
// the Unicode name (or U+XXXX) for the rest.

import { codePoints, compareCodePoints } from "./pyText.js";

/** An email syntax problem; `message` is the user-facing reason. */
export class EmailSyntaxError extends Error {
  override name = "EmailSyntaxError";
}

const CATEGORY_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  "Lu",
  "Ll",
  "Lt",
  "Lm",
  "Lo",
  "Mn",
  "Mc",
  "Me",
  "Nd",
  "Nl",
  "No",
  "Pc",
  "Pd",
  "Ps",
  "Pe",
  "Pi",
  "Pf",
  "Po",
  "Sm",
  "Sc",
  "Sk",
  "So",
  "Zs",
  "Zl",
  "Zp",
  "Cc",
  "Cf",
  "Cs",
  "Co",
].map((name) => [name, new RegExp(`^\\p{${name}}$`, "u")] as const);

/** Python's `unicodedata.category(c)` for a single code point. */
export function generalCategory(c: string): string {
  for (const [name, pattern] of CATEGORY_PATTERNS) if (pattern.test(c)) return name;
  return "Cn";
}

/**
 * `unicodedata.name()` for the invisible characters users realistically paste
 * into an address. Node has no Unicode name table; other characters fall back
 * to the U+XXXX form Python itself uses for unnamed characters.
 */
const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x20: "SPACE",
  0xa0: "NO-BREAK SPACE",
  0xad: "SOFT HYPHEN",
  0x34f: "COMBINING GRAPHEME JOINER",
  0x300: "COMBINING GRAVE ACCENT",
  0x301: "COMBINING ACUTE ACCENT",
  0x308: "COMBINING DIAERESIS",
  0x338: "COMBINING LONG SOLIDUS OVERLAY",
  0x61c: "ARABIC LETTER MARK",
  0x1680: "OGHAM SPACE MARK",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x2000: "EN QUAD",
  0x2001: "EM QUAD",
  0x2002: "EN SPACE",
  0x2003: "EM SPACE",
  0x2004: "THREE-PER-EM SPACE",
  0x2005: "FOUR-PER-EM SPACE",
  0x2006: "SIX-PER-EM SPACE",
  0x2007: "FIGURE SPACE",
  0x2008: "PUNCTUATION SPACE",
  0x2009: "THIN SPACE",
  0x200a: "HAIR SPACE",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x202f: "NARROW NO-BREAK SPACE",
  0x205f: "MEDIUM MATHEMATICAL SPACE",
  0x2060: "WORD JOINER",
  0x2061: "FUNCTION APPLICATION",
  0x2062: "INVISIBLE TIMES",
  0x2063: "INVISIBLE SEPARATOR",
  0x2064: "INVISIBLE PLUS",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0x3000: "IDEOGRAPHIC SPACE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
};

/** email-validator's `safe_character_display`. */
export function displayCharacter(c: string): string {
  if (c === "\\") return `"\\"`;
  if ("LNPS".includes(generalCategory(c)[0])) return c === "'" ? `"'"` : `'${c}'`;
  const cp = c.codePointAt(0)!;
  const named = CHARACTER_NAMES[cp];
  if (named !== undefined) return named;
  // Python pads to 4 hex digits below U+FFFF and to 8 from U+FFFF on.
  return (
    "U+" +
    cp
      .toString(16)
      .toUpperCase()
      .padStart(cp < 0xffff ? 4 : 8, "0")
  );
}

/** The library's "sorted set of displays" listing of offending characters. */
export function listDisplays(chars: Iterable<string>): string {
  return [...new Set([...chars].map(displayCharacter))].sort(compareCodePoints).join(", ");
}

/**
 * email-validator's `check_unsafe_chars`: letters, numbers, punctuation and
 * symbols are fine; combining marks only when not first; spaces only where
 * quoting allows them; line breaks and every control/format/private/unassigned
 * code point are unsafe.
 */
export function checkUnsafeCharacters(s: string, allowSpace = false): void {
  const unsafe = new Set<string>();
  codePoints(s).forEach((c, index) => {
    const category = generalCategory(c);
    if ("LNPS".includes(category[0])) return;
    if (category[0] === "M") {
      if (index === 0) unsafe.add(c);
    } else if (category === "Zs") {
      if (!allowSpace) unsafe.add(c);
    } else {
      unsafe.add(c);
    }
  });
  if (unsafe.size > 0) {
    // Here the characters are sorted before being displayed (unlike the other listings).
    const ordered = [...unsafe].sort(compareCodePoints).map(displayCharacter).join(", ");
    throw new EmailSyntaxError(`The email address contains unsafe characters: ${ordered}.`);
  }
}

/** RFC 5322 dot-atom (and, for host names, RFC 952 hyphen) placement rules. */
export function checkDotAtom(label: string, startMessage: string, endMessage: string, isHostname: boolean): void {
  if (label.endsWith(".")) throw new EmailSyntaxError(endMessage.replace("{}", "period"));
  if (label.startsWith(".")) throw new EmailSyntaxError(startMessage.replace("{}", "period"));
  if (label.includes("..")) throw new EmailSyntaxError("An email address cannot have two periods in a row.");
  if (!isHostname) return;
  if (label.endsWith("-")) throw new EmailSyntaxError(endMessage.replace("{}", "hyphen"));
  if (label.startsWith("-")) throw new EmailSyntaxError(startMessage.replace("{}", "hyphen"));
  if (label.includes(".-") || label.includes("-.")) {
    throw new EmailSyntaxError("An email address cannot have a period and a hyphen next to each other.");
  }
}

/** The "(N characters too many)" suffix. */
export function tooManyCharacters(actual: number, limit: number): string {
  const diff = actual - limit;
  return `(${diff} character${diff > 1 ? "s" : ""} too many)`;
}

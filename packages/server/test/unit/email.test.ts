import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseEmail } from "../../src/validation/email.js";

const accepts = (input: string, expected: string) => assert.deepEqual(parseEmail(input), { ok: true, email: expected });
const rejects = (input: string, reason: string) => assert.deepEqual(parseEmail(input), { ok: false, reason });

describe("parseEmail: normalisation (spec §5.4 rules 1 and 3)", () => {
  it("lower-cases the domain and keeps the local part's case", () => accepts("A@EXAMPLE.com", "A@example.com"));
  it("reduces the display-name form to the address", () => {
    accepts("Jane Doe <jane@example.com>", "jane@example.com");
    accepts('"Doe, Jane" <jane@example.com>', "jane@example.com");
    accepts("Jöhn <john@example.com>", "john@example.com");
  });
  it("trims surrounding whitespace (Python's notion of it)", () => {
    accepts("  a@b.com\n", "a@b.com");
    accepts("\u2005a@b.com\u3000", "a@b.com");
  });
  it("keeps Unicode local parts and Unicode domains (lower-cased, NFC)", () => {
    accepts("ιωάννης@εεττ.gr", "ιωάννης@εεττ.gr");
    accepts("me@ÉXAMPLE.com", "me@éxample.com");
    accepts("me@xn--9ca.com", "me@é.com");
  });
  it("lower-cases RFC 2142 role mailboxes only", () => {
    accepts("POSTMASTER@example.com", "postmaster@example.com");
    accepts("NOT-POSTMASTER@example.com", "NOT-POSTMASTER@example.com");
  });
  it("allows the test domain (Polar runs in test-environment mode)", () => {
    accepts("a@x.test", "a@x.test");
    accepts("anything@test", "anything@test");
  });
  it("has no 64-character local-part limit (non-strict mode)", () => {
    const local = "a".repeat(70);
    accepts(`${local}@example.com`, `${local}@example.com`);
  });
});

describe("parseEmail: reasons listed in spec §5.4", () => {
  const cases: [string, string][] = [
    ["no-at-sign.example.com", "An email address must have an @-sign."],
    ["@example.com", "There must be something before the @-sign."],
    ["me@", "There must be something after the @-sign."],
    ["me@example", "The part after the @-sign is not valid. It should have a period."],
    ["a..b@example.com", "An email address cannot have two periods in a row."],
    [".a@example.com", "An email address cannot start with a period."],
    ["a.@example.com", "An email address cannot have a period immediately before the @-sign."],
    ["a@example.com.", "An email address cannot end with a period."],
    ["a@-example.com", "An email address cannot have a hyphen immediately after the @-sign."],
    ['"a"@example.com', "Quoting the part before the @-sign is not allowed here."],
    ['"quoted with space"@example.com', "Quoting the part before the @-sign is not allowed here."],
    ["a@[127.0.0.1]", "A bracketed IP address after the @-sign is not allowed here."],
    ["a@[IPv6:::1]", "A bracketed IP address after the @-sign is not allowed here."],
    ["white space@example.com", "The email address contains invalid characters before the @-sign: SPACE."],
    ["a@example.arpa", "The part after the @-sign is a special-use or reserved name that cannot be used with email."],
    ["a@x.invalid", "The part after the @-sign is a special-use or reserved name that cannot be used with email."],
    ["a@link.local", "The part after the @-sign is a special-use or reserved name that cannot be used with email."],
    ["a@host.localhost", "The part after the @-sign is a special-use or reserved name that cannot be used with email."],
    ["a@onion.onion.onion", "The part after the @-sign is a special-use or reserved name that cannot be used with email."],
    ["a@example.123", "The part after the @-sign is not valid. It is not within a valid top-level domain."],
  ];
  for (const [input, reason] of cases) it(`${JSON.stringify(input)} → ${reason}`, () => rejects(input, reason));
});

describe("parseEmail: further email-validator 2.3 reasons", () => {
  const cases: [string, string][] = [
    ["x".repeat(2049), "Length must not exceed 2048 characters"],
    ["hello＠world", 'The email address has the "full-width" at-sign (@) character instead of a regular at-sign.'],
    ["hello﹫world", 'The email address has the "small commercial at" character instead of a regular at-sign.'],
    ["my@twofwdots．．.com", "An email address cannot have two periods in a row."],
    ["my@．leadingfwdot.com", "An email address cannot have a period immediately after the @-sign."],
    ["me@trailingdash-", "An email address cannot end with a hyphen."],
    ["my@baddash.-a.com", "An email address cannot have a period and a hyphen next to each other."],
    ["me@x!", "The part after the @-sign contains invalid characters: '!'."],
    ["me@exa mple.com", "The part after the @-sign contains invalid characters: SPACE."],
    ["me@⒈wouldbeinvalid.com", "The part after the @-sign contains invalid characters: '⒈'."],
    ["me@\u037e.com", "The part after the @-sign contains invalid characters after Unicode normalization: ';'."],
    ["me.\u037e@example.com", "After Unicode normalization: The email address contains invalid characters before the @-sign: ';'."],
    ["m\ny@example.com", "The email address contains invalid characters before the @-sign: U+000A."],
    ['bad"quotes"@example.com', "The email address contains invalid characters before the @-sign: '\"'."],
    ["me@xn--0.tld", "The part after the @-sign is not valid IDNA (Invalid A-label)."],
    [
      "me@yy--0.tld",
      "An email address cannot have two letters followed by two dashes immediately after the @-sign or after a period, except Punycode.",
    ],
    [
      "me@[127.0.0.999]",
      "The address in brackets after the @-sign is not valid: It is not an IPv4 address (Octet 999 (> 255) not permitted in '127.0.0.999') or is missing an address literal tag.",
    ],
    ["me@[IPv6:::G]", "The IPv6 address in brackets after the @-sign is not valid (Only hex digits permitted in 'G' in '::G')."],
    ["me@[tag:text]", "The part after the @-sign contains an invalid address literal tag in brackets."],
    ["me@[untaggedtext]", "The part after the @-sign in brackets is not an IPv4 address and has no address literal tag."],
    ["me@[tag:invalid space]", "The part after the @-sign contains invalid characters in brackets: SPACE."],
    ["<me@example.com> !", "There can't be anything after the email address."],
    ["<\u0338me@example.com", "The email address contains invalid characters before the @-sign: '<'."],
    ["<<me@example.com>>", "A display name and angle brackets around the email address are not permitted here."],
    ["Display.Name <me@example.com>", "The display name contains invalid characters when not quoted: '.'."],
    ["DisplayName <me@-example.com>", "An email address cannot have a hyphen immediately after the @-sign."],
    ["a\u200b@example.com", "The email address contains unsafe characters: ZERO WIDTH SPACE."],
    [
      "\u202dforward-\u202ereversed@example.com",
      "The email address contains unsafe characters: LEFT-TO-RIGHT OVERRIDE, RIGHT-TO-LEFT OVERRIDE.",
    ],
    ["\ue000@example.com", "The email address contains unsafe characters: U+E000."],
    ["me@\u2603.com", "The part after the @-sign is invalid (Codepoint U+2603 at position 1 of '\u2603' not allowed)."],
    ["me@中111111111222222222233333333334444444444555555555666666.com", "The part after the @-sign is invalid (Label too long)."],
    [
      "me@1111111111222222222233333333334444444444555555555666666666677777.com",
      "After the @-sign, periods cannot be separated by so many characters (1 character too many).",
    ],
  ];
  for (const [input, reason] of cases) it(`${JSON.stringify(input.slice(0, 40))} → ${reason}`, () => rejects(input, reason));

  const long = "1111111111222222222233333333334444444444555555555.6666666666777777777788888888889999999999000000000";
  it("limits the domain to 253 octets", () =>
    rejects(
      `me@${long}.${long}.11111111112222222222333333333344444444445555555555.com`,
      "The email address is too long after the @-sign (1 character too many).",
    ));
  it("limits the whole address to 254 octets", () =>
    rejects(
      `meme@${long}.${long}.1111111111222222222233333333334444444444555555555.com`,
      "The email address is too long (4 characters too many).",
    ));
  it("gives a range when multi-byte characters make the address too long", () =>
    rejects(
      `my.λong.address@${long}.${long}.1111111111222222222233333333334444.info`,
      "The email address is too long (1-2 characters too many).",
    ));
});

describe("parseEmail: properties", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => void parseEmail(s)),
      { numRuns: 2000 },
    );
  });
  it("never throws on address-shaped strings", () => {
    const part = fc.string({
      unit: fc.constantFrom("a", "Z", ".", "-", "@", '"', "<", ">", " ", "é", "\u0301", "．", "\\"),
      maxLength: 20,
    });
    fc.assert(
      fc.property(part, part, (l, d) => void parseEmail(`${l}@${d}`)),
      { numRuns: 2000 },
    );
  });
  it("is idempotent: a normalised address parses to itself", () => {
    const local = fc.stringMatching(/^[a-zA-Z0-9_+-]{1,10}(\.[a-zA-Z0-9_+-]{1,10}){0,2}$/);
    const label = fc.stringMatching(/^[a-zA-Z](?:[a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?$/).filter((l) => !/^..--/.test(l));
    fc.assert(
      fc.property(local, fc.array(label, { minLength: 1, maxLength: 3 }), (l, labels) => {
        const first = parseEmail(`${l}@${labels.join(".")}.com`);
        assert.equal(first.ok, true);
        if (first.ok) assert.deepEqual(parseEmail(first.email), first);
      }),
    );
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { normalizeLocale } from "../../src/validation/locale.js";

describe("normalizeLocale: examples of spec §5.8", () => {
  const cases: [string, string][] = [
    ["EN", "en"],
    ["en-us", "en-US"],
    ["en_US", "en-US"],
    ["EN-us", "en-US"],
    ["fr-ca", "fr-CA"],
    ["zh-hans-cn", "zh-Hans-CN"],
    ["pt-br", "pt-BR"],
    ["iw", "he"],
    ["sh", "sr-Latn"],
    ["i-klingon", "tlh"],
    ["en-GB-oxendict", "en-GB-oxendict"],
    ["es-419", "es-419"],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(normalizeLocale(input), expected));

  for (const invalid of ["", "und", "x-private", "xx", "foo", "en-", "123", "en US"]) {
    it(`rejects ${JSON.stringify(invalid)}`, () => assert.equal(normalizeLocale(invalid), null));
  }
});

describe("normalizeLocale: registry checks", () => {
  it("rejects private-use languages and unregistered regions", () => {
    assert.equal(normalizeLocale("qaa"), null);
    assert.equal(normalizeLocale("en-XX"), null);
  });
  it("accepts registered variants and extensions", () => {
    assert.equal(normalizeLocale("de-1901"), "de-1901");
    assert.equal(normalizeLocale("en-u-ca-gregory"), "en-u-ca-gregory");
  });
  it("maps other grandfathered tags to their preferred values", () => {
    assert.equal(normalizeLocale("en-GB-oed"), "en-GB-oxendict");
    assert.equal(normalizeLocale("zh-min"), null);
  });
});

describe("normalizeLocale: properties", () => {
  const tags = fc.oneof(
    fc.constantFrom("EN", "en-us", "fr_CA", "zh-hant-tw", "iw", "sh", "i-klingon", "es-419", "sr-latn-rs", "DE-de-1901"),
    fc.stringMatching(/^[a-zA-Z]{2,3}([-_][a-zA-Z]{4})?([-_]([a-zA-Z]{2}|[0-9]{3}))?$/),
  );
  it("is idempotent on its own outputs", () => {
    fc.assert(
      fc.property(tags, (tag) => {
        const once = normalizeLocale(tag);
        if (once !== null) assert.equal(normalizeLocale(once), once);
      }),
      { numRuns: 2000 },
    );
  });
  it("never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (s) => void normalizeLocale(s)),
      { numRuns: 2000 },
    );
  });
});

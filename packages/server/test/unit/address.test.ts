import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAddress } from "../../src/validation/address.js";
import { INPUT_COUNTRIES } from "../../src/validation/countries.js";
import { expectedList } from "../../src/platform/schema/core.js";

const LOC = ["body", "billing_address"] as const;
const EMPTY = { line1: null, line2: null, postalCode: null, city: null, state: null };

describe("parseAddress (spec §5.5)", () => {
  it("accepts a country-only address and fills the other fields with null", () => {
    assert.deepEqual(parseAddress({ country: "FR" }, LOC), { value: { ...EMPTY, country: "FR" }, issues: [] });
  });
  it("upper-cases the country, trims strings, turns blanks into null and ignores unknown keys", () => {
    const result = parseAddress(
      { line1: "  1 Main St ", line2: "   ", postal_code: " 75001", city: "Paris", state: " IDF ", country: "fr", extra: 1 },
      LOC,
    );
    assert.deepEqual(result, {
      value: { line1: "1 Main St", line2: null, postalCode: "75001", city: "Paris", state: "IDF", country: "FR" },
      issues: [],
    });
  });
  it("keeps NUL characters (the §1 NUL rule does not apply here)", () => {
    assert.equal(parseAddress({ city: "a\u0000b", country: "DE" }, LOC).value?.city, "a\u0000b");
  });
  it("prefixes US and CA states", () => {
    assert.equal(parseAddress({ country: "US", state: "CA" }, LOC).value?.state, "US-CA");
    assert.equal(parseAddress({ country: "US", state: "US-NY" }, LOC).value?.state, "US-NY");
    assert.equal(parseAddress({ country: "ca", state: "QC" }, LOC).value?.state, "CA-QC");
  });
  it("rejects unknown subdivisions case-sensitively, at the address location", () => {
    const input = { country: "US", state: "ca" };
    assert.deepEqual(parseAddress(input, LOC), {
      value: null,
      issues: [{ type: "value_error", loc: LOC, msg: "Value error, Invalid US state", input, ctx: { error: {} } }],
    });
    const canadian = { country: "CA", state: "ZZ" };
    assert.deepEqual(parseAddress(canadian, LOC).issues, [
      { type: "value_error", loc: LOC, msg: "Value error, Invalid CA subdivision", input: canadian, ctx: { error: {} } },
    ]);
  });
  it("leaves other countries' states as free text", () => {
    assert.equal(parseAddress({ country: "DE", state: "ca" }, LOC).value?.state, "ca");
  });
  it("reports a missing country with the whole object as input", () => {
    const input = { city: "Paris" };
    assert.deepEqual(parseAddress(input, LOC).issues, [{ type: "missing", loc: [...LOC, "country"], msg: "Field required", input }]);
  });
  it("reports sanctioned or unknown countries as enum errors", () => {
    const expected = expectedList(INPUT_COUNTRIES);
    for (const [sent, echoed] of [
      ["ru", "RU"],
      ["XX", "XX"],
      [5, 5],
    ] as const) {
      assert.deepEqual(parseAddress({ country: sent }, LOC).issues, [
        { type: "enum", loc: [...LOC, "country"], msg: `Input should be ${expected}`, input: echoed, ctx: { expected } },
      ]);
    }
  });
  it("reports non-string fields in field order, together with country errors, and skips the state check", () => {
    const result = parseAddress({ line1: 1, city: ["x"], state: "nowhere", country: "US", postal_code: false }, LOC);
    assert.equal(result.value, null);
    assert.deepEqual(
      result.issues.map((i) => [i.type, i.loc, i.msg, i.input]),
      [
        ["string_type", [...LOC, "line1"], "Input should be a valid string", 1],
        ["string_type", [...LOC, "postal_code"], "Input should be a valid string", false],
        ["string_type", [...LOC, "city"], "Input should be a valid string", ["x"]],
      ],
    );
  });
  it("rejects a non-object with pydantic's model_type error", () => {
    for (const input of ["FR", 1, [], true]) {
      assert.deepEqual(parseAddress(input, LOC), {
        value: null,
        issues: [
          {
            type: "model_type",
            loc: LOC,
            msg: "Input should be a valid dictionary or instance of AddressInput",
            input,
            ctx: { class_name: "AddressInput" },
          },
        ],
      });
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CA_PROVINCES, INPUT_COUNTRIES, OUTPUT_COUNTRIES, US_STATES } from "../../src/validation/countries.js";
import { expectedList } from "../../src/platform/schema/core.js";

describe("country lists (spec §5.5)", () => {
  it("has 249 output and 244 input codes, without the sanctioned ones on input", () => {
    assert.equal(OUTPUT_COUNTRIES.length, 249);
    assert.equal(new Set(OUTPUT_COUNTRIES).size, 249);
    assert.equal(INPUT_COUNTRIES.length, 244);
    for (const code of ["CU", "IR", "KP", "RU", "SY"]) {
      assert.ok(OUTPUT_COUNTRIES.includes(code));
      assert.ok(!INPUT_COUNTRIES.includes(code));
    }
  });
  it("keeps the spec's (alphabetical) order", () => {
    assert.deepEqual([...OUTPUT_COUNTRIES].sort(), OUTPUT_COUNTRIES);
    assert.equal(OUTPUT_COUNTRIES[0], "AD");
    assert.equal(OUTPUT_COUNTRIES[248], "ZW");
  });
  it("lists 51 US states (with DC) and 13 Canadian subdivisions", () => {
    assert.equal(US_STATES.length, 51);
    assert.ok(US_STATES.includes("US-DC"));
    assert.equal(CA_PROVINCES.length, 13);
    assert.ok(CA_PROVINCES.includes("CA-QC"));
  });
});

describe("expectedList", () => {
  it("renders pydantic's list form", () => {
    assert.equal(expectedList(["individual", "team"]), "'individual' or 'team'");
    assert.equal(
      expectedList(["created_at", "-created_at", "email", "-email", "name", "-name"]),
      "'created_at', '-created_at', 'email', '-email', 'name' or '-name'",
    );
    assert.equal(expectedList(["only"]), "'only'");
  });
  it("renders the input country enum", () => {
    const text = expectedList(INPUT_COUNTRIES);
    assert.ok(text.startsWith("'AD', 'AE', 'AF'"));
    assert.ok(text.endsWith("'ZA', 'ZM' or 'ZW'"));
  });
});

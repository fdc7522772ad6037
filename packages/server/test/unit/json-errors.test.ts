import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { JsonSyntaxLocator, findJsonSyntaxError } from "../../src/platform/http/json-errors.js";
import { MAX_JSON_DEPTH } from "../../src/platform/schema/json-parser.js";

test("Python's position and message for each kind of syntax error", () => {
  const cases: [string, number, string][] = [
    ["", 0, "Expecting value"],
    ["[1,]", 2, "Illegal trailing comma before end of array"],
    ['{"a":1 ,  }', 7, "Illegal trailing comma before end of object"],
    ['["a\u0001"]', 3, "Invalid control character at"],
    ['["a\\x"]', 3, "Invalid \\escape"],
    ['["\\u12G4"]', 3, "Invalid \\uXXXX escape"],
    ['["\\u12', 3, "Invalid \\uXXXX escape"],
    ['"\\u1234', 2, "Invalid \\uXXXX escape"],
    ['["\\ud800\\u12x4"]', 9, "Invalid \\uXXXX escape"],
    ['["abc', 1, "Unterminated string starting at"],
    ['["a\\', 1, "Unterminated string starting at"],
    ["[1.x]", 2, "Expecting ',' delimiter"],
    ["1.", 1, "Extra data"],
    ["1e+", 1, "Extra data"],
    ["-", 0, "Expecting value"],
    ["NaN", 0, "Expecting value"],
    ['{"a":1}}', 7, "Extra data"],
    ["[01]", 2, "Expecting ',' delimiter"],
    // Positions count code points, as Python indexes strings: the emoji is one character.
    ['["😀😀", x]', 7, "Expecting value"],
  ];
  for (const [text, position, message] of cases) assert.deepEqual(findJsonSyntaxError(text), { position, message }, text);
});

test("deep nesting is scanned without recursion", () => {
  assert.deepEqual(findJsonSyntaxError("[".repeat(100_000)), { position: 100_000, message: "Expecting value" });
  assert.deepEqual(findJsonSyntaxError(`${'{"a":'.repeat(50_000)}x`), { position: 250_000, message: "Expecting value" });
  assert.equal(findJsonSyntaxError("[".repeat(MAX_JSON_DEPTH * 10) + "]".repeat(MAX_JSON_DEPTH * 10)), null);
});

test("finds an error exactly when JSON.parse refuses the text", () => {
  const nearJson = fc.stringMatching(/^[[\]{}":,0-9.eE+\- \n\\ua-f]{0,24}$/);
  fc.assert(
    fc.property(
      fc.oneof(
        nearJson,
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
      (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(findJsonSyntaxError(text) === null, valid, text);
      },
    ),
    { numRuns: 20000 },
  );
});

test("the scan can run in slices of any size with the same answer", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[[\]{}":,0-9.e\- \\u]{0,40}$/), fc.integer({ min: 1, max: 10 }), (text, slice) => {
      const locator = new JsonSyntaxLocator(text);
      while (!locator.advance(slice));
      assert.deepEqual(locator.result, findJsonSyntaxError(text));
    }),
    { numRuns: 5000 },
  );
});

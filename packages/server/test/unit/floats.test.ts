import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { JsonFloat, parseJson, pythonFloatRepr, stringifyJson } from "../../src/platform/schema/floats.js";

test("floats print as Python's repr does", () => {
  const cases: [number, string][] = [
    [1, "1.0"],
    [-0, "-0.0"],
    [100, "100.0"],
    [1.5, "1.5"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e+16"],
    [1.5e16, "1.5e+16"],
    [1e22, "1e+22"],
    [1e-7, "1e-07"],
    [123.456, "123.456"],
  ];
  for (const [value, text] of cases) assert.equal(pythonFloatRepr(value), text, String(value));
});

test("parseJson keeps float literals as JsonFloat, anywhere, and leaves strings alone", () => {
  const value = parseJson('{"a":1.0,"b":1,"c":"x 1.0 \\"2e3\\"","d":[2e3,-0.5,3],"e":1E+2}') as Record<string, unknown>;
  assert.deepEqual(value, {
    a: new JsonFloat(1),
    b: 1,
    c: 'x 1.0 "2e3"',
    d: [new JsonFloat(2000), new JsonFloat(-0.5), 3],
    e: new JsonFloat(100),
  });
  assert.equal(stringifyJson(value), '{"a":1.0,"b":1,"c":"x 1.0 \\"2e3\\"","d":[2000.0,-0.5,3],"e":100.0}');
  assert.throws(() => parseJson("{"), SyntaxError);
});

test("a client cannot forge the internal float marker", () => {
  const forged = '{"s":"\\u0000float-000000000000:1.0"}';
  assert.equal(stringifyJson(parseJson(forged)), forged);
});

test("parseJson/stringifyJson round-trip any JSON and agree with JSON.parse on values", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = JSON.stringify(value);
      const parsed = parseJson(text);
      const plain = JSON.parse(stringifyJson(parsed));
      assert.deepEqual(plain, JSON.parse(text));
    }),
    { numRuns: 300 },
  );
});

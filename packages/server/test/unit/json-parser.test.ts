import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { JsonLimitExceeded, JsonParser, MAX_JSON_DEPTH, MAX_JSON_OBJECT_MEMBERS } from "../../src/platform/schema/json-parser.js";
import { JsonFloat, parseJson, parseJsonInSlices, stringifyJson } from "../../src/platform/schema/floats.js";

/** Our parser with floats left as numbers, so results compare directly with JSON.parse. */
const plain = (text: string) => JsonParser.parse(text, (value) => value);

/** Asserts that our parser and JSON.parse accept the same texts and build the same values, key order included. */
function agreesWithJsonParse(text: string): void {
  let expected: unknown;
  try {
    expected = JSON.parse(text);
  } catch {
    assert.throws(() => plain(text), SyntaxError, `accepted ${JSON.stringify(text)}`);
    return;
  }
  const actual = plain(text);
  assert.deepEqual(actual, expected, text);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), `key order of ${text}`);
}

test("the parser agrees with JSON.parse on edge cases", () => {
  for (const text of [
    "",
    " ",
    "null",
    "true",
    "false",
    "tru",
    "nul",
    "true false",
    '""',
    '"\\u2028"',
    '"\u2028"',
    '"\t"',
    '"\\x"',
    '"\\u12"',
    '"\\u12g4"',
    "[]",
    "{}",
    "[[]]",
    '{"a":{}}',
    " [ 1 , 2 ] ",
    "[1,]",
    "[,1]",
    "{,}",
    '{"a"}',
    '{"a":}',
    '{"a" 1}',
    '{"a":1,}',
    "[1 2]",
    "{1:2}",
    "0",
    "-0",
    "-0.0",
    "01",
    "-",
    "1.",
    ".5",
    "+1",
    "1e",
    "1e+",
    "1E+2",
    "1e-7",
    "1e400",
    "-1e400",
    "0.1",
    "0.000001",
    "5e-324",
    "1.7976931348623157e308",
    "9007199254740993",
    "123456789012345678901234567890",
    "123456789012345.6",
    "-123.456e-10",
    "0.30000000000000004",
    "2.2250738585072011e-308",
    "4.9406564584124654e-324",
    "1e22",
    "1e23",
    "123456789012345e-22",
    "1.5e00000000000001",
    '{"__proto__":1}',
    '{"__proto__":{"x":1},"constructor":2}',
    '{"a":1,"a":2,"1":3,"b":4,"0":5}',
    '"\\ud800"',
    '"\\udc00\\ud800"',
    '"\ud800"',
    `"${"a".repeat(40)}\\n${"b".repeat(40)}"`,
    `"${"a".repeat(40)}\u0001"`,
    `"${"a".repeat(100)}`,
    `["${"é".repeat(33)}\\"${"x".repeat(31)}"]`,
    "\uFEFF{}",
    '["a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9"]',
    "[1,\n\t\r 2]",
    "[1]x",
    "{}{}",
    '"unterminated',
    '"a\\',
    "[\u00a0]",
  ]) {
    agreesWithJsonParse(text);
  }
});

test("the parser agrees with JSON.parse on any JSON value and on random near-JSON text", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => agreesWithJsonParse(JSON.stringify(value))),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.jsonValue(), (value) => agreesWithJsonParse(JSON.stringify(value, null, 2))),
    { numRuns: 300 },
  );
  const longStrings = fc.array(fc.string({ minLength: 20, maxLength: 120, unit: "binary" }), { maxLength: 5 });
  fc.assert(
    fc.property(longStrings, (strings) => agreesWithJsonParse(JSON.stringify(strings))),
    { numRuns: 1000 },
  );
  const nearJson = fc.stringMatching(/^[[\]{}":,0-9.eE+\- \n\\ua-f]{0,24}$/);
  fc.assert(fc.property(nearJson, agreesWithJsonParse), { numRuns: 20000 });
  // Long strings cut anywhere: an escape, a control character or the end can fall after the fast skip.
  const cutLong = fc.tuple(fc.string({ minLength: 30, maxLength: 80 }), fc.nat()).map(([t, at]) => {
    const text = JSON.stringify(t);
    return text.slice(0, at % (text.length + 1));
  });
  fc.assert(fc.property(cutLong, agreesWithJsonParse), { numRuns: 5000 });
});

test("numbers come out as the same doubles as JSON.parse's (decimal fast path included)", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => agreesWithJsonParse(String(d))),
    { numRuns: 20000 },
  );
  const decimal = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.nat(), fc.integer({ min: -340, max: 340 }), fc.boolean());
  fc.assert(
    fc.property(decimal, ([int, zeros, fraction, exponent, negative]) => {
      const sign = negative ? "-" : "";
      agreesWithJsonParse(`${sign}${int}.${"0".repeat(zeros)}${fraction}`);
      agreesWithJsonParse(`${sign}${int}.${fraction}e${exponent}`);
      agreesWithJsonParse(`${sign}${int}E+${Math.abs(exponent)}`);
    }),
    { numRuns: 20000 },
  );
});

test("float literals become JsonFloat; integers stay numbers", () => {
  assert.deepEqual(parseJson("[1, 1.0, -0, -0.0, 2e3, 1E+2, 0.5, 123456789012345678901234567890, 1e400]"), [
    1,
    new JsonFloat(1),
    -0,
    new JsonFloat(-0),
    new JsonFloat(2000),
    new JsonFloat(100),
    new JsonFloat(0.5),
    // eslint-disable-next-line no-loss-of-precision -- the same rounding JSON.parse does is the point
    123456789012345678901234567890,
    new JsonFloat(Infinity),
  ]);
});

test("a lone surrogate escape stays a lone surrogate (validation refuses it, not the parser)", () => {
  assert.equal(parseJson('"a\\ud800b"'), "a\ud800b");
  assert.equal(parseJson('"\\ud83d\\ude00"'), "😀");
});

test("`__proto__` is an own key, never the prototype", () => {
  const value = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ["__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("resuming after any slice size builds the same value", () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 40 }), (value, slice) => {
      const text = JSON.stringify(value);
      const parser = new JsonParser(text, (n) => new JsonFloat(n));
      let slices = 0;
      while (!parser.advance(slice)) slices++;
      assert.ok(slices <= text.length, "each slice makes progress");
      assert.equal(stringifyJson(parser.value), stringifyJson(parseJson(text)));
    }),
    { numRuns: 1000 },
  );
});

test("parseJsonInSlices gives back the event loop between slices and ends like parseJson", async () => {
  const text = JSON.stringify({ email: "a@example.com", metadata: Array.from({ length: 5000 }, (_, i) => i + 0.5) });
  let turns = 0;
  const counter = setInterval(() => turns++, 0);
  const value = await parseJsonInSlices(text, 64);
  clearInterval(counter);
  assert.equal(stringifyJson(value), stringifyJson(parseJson(text)));
  assert.ok(turns > 0, "other work ran while parsing");
  await assert.rejects(parseJsonInSlices("[1,2,", 2), SyntaxError);
  await assert.rejects(parseJsonInSlices("[".repeat(MAX_JSON_DEPTH + 1), 2), JsonLimitExceeded);
});

test("nesting: up to MAX_JSON_DEPTH levels parse, deeper is refused without touching the call stack", () => {
  const deep = (levels: number, open: string, close: string) => open.repeat(levels) + close.repeat(levels);
  assert.equal(JSON.stringify(parseJson(deep(MAX_JSON_DEPTH, "[", "]"))), deep(MAX_JSON_DEPTH, "[", "]"));
  assert.ok(parseJson(`${'{"a":'.repeat(MAX_JSON_DEPTH)}1${"}".repeat(MAX_JSON_DEPTH)}`));
  assert.throws(() => parseJson(deep(MAX_JSON_DEPTH + 1, "[", "]")), JsonLimitExceeded);
  assert.throws(() => parseJson("[".repeat(100_000)), JsonLimitExceeded);
  assert.throws(() => parseJson(`${'{"a":['.repeat(60_000)}`), JsonLimitExceeded);
});

test("objects: up to MAX_JSON_OBJECT_MEMBERS members parse, more are refused; arrays have no such limit", () => {
  const object = (members: number) => `{${Array.from({ length: members }, (_, i) => `"k${i}":${i}`).join(",")}}`;
  assert.equal(Object.keys(parseJson(object(MAX_JSON_OBJECT_MEMBERS)) as object).length, MAX_JSON_OBJECT_MEMBERS);
  assert.throws(() => parseJson(object(MAX_JSON_OBJECT_MEMBERS + 1)), JsonLimitExceeded);
  // Repeated keys count as members too: the limit bounds the work, not the result.
  assert.throws(() => parseJson(`{${'"a":1,'.repeat(MAX_JSON_OBJECT_MEMBERS)}"a":2}`), JsonLimitExceeded);
  assert.equal((parseJson(`[${"1.5,".repeat(200_000)}1]`) as unknown[]).length, 200_001);
});

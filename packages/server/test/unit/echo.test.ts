import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { ECHO_LIMIT, ECHO_TOTAL_LIMIT, ELISION, cutString, echoIssues, echoValue } from "../../src/platform/schema/echo.js";
import { MAX_ISSUES, issue } from "../../src/platform/schema/issues.js";
import { JsonFloat, parseJson, stringifyJson } from "../../src/platform/schema/floats.js";

/** Some slack over the budget: sizes are counted roughly (escapes are not). */
const within = (value: unknown, limit: number) => stringifyJson(value).length <= limit + 64;

test("inputs of normal size are echoed as they are, the same object", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      if (JSON.stringify(value).length > ECHO_LIMIT / 2) return;
      assert.equal(echoValue(value, ECHO_LIMIT).value, value);
    }),
  );
  const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, "v".repeat(500)]));
  assert.equal(echoValue(metadata, ECHO_LIMIT).value, metadata);
});

test("a long string keeps its head and tail around '...', never splitting a surrogate pair", () => {
  const long = "a".repeat(100_000) + "z";
  const cut = cutString(long, 1000);
  assert.equal(cut.length, 1000);
  assert.ok(cut.startsWith("aaa") && cut.endsWith("az") && cut.includes(ELISION));
  const emoji = "😀".repeat(1000);
  for (const limit of [10, 11, 12, 13, 100, 101]) assert.ok(cutString(emoji, limit).replace(ELISION, "").isWellFormed(), String(limit));
  assert.equal(cutString("short", 10), "short");
});

test("a huge array or object keeps its first items and ends with '...'", () => {
  const floats = parseJson(`[${"1.5,".repeat(2_000_000)}2.0]`) as unknown[];
  const array = echoValue(floats, ECHO_LIMIT).value as unknown[];
  assert.ok(array.length > 100 && array.length < 20_000, String(array.length));
  assert.deepEqual(array.slice(0, 2), [new JsonFloat(1.5), new JsonFloat(1.5)]);
  assert.equal(array[array.length - 1], ELISION);
  assert.ok(within(array, ECHO_LIMIT));

  const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
  const object = echoValue(wide, ECHO_LIMIT).value as Record<string, unknown>;
  const keys = Object.keys(object);
  assert.deepEqual(keys.slice(0, 3), ["k0", "k1", "k2"]);
  assert.equal(keys[keys.length - 1], ELISION);
  assert.equal(object[ELISION], ELISION);
  assert.ok(within(object, ECHO_LIMIT));
});

test("cut copies stay within the budget whatever the shape, and keep `__proto__` an own key", () => {
  const big = (text: fc.Arbitrary<string>) =>
    fc.oneof(
      text.map((t) => t.repeat(500)),
      fc.array(fc.jsonValue(), { minLength: 50, maxLength: 200 }),
      fc.array(text, { minLength: 50, maxLength: 200 }),
      fc.dictionary(text, fc.oneof(text, fc.double(), fc.boolean()), { minKeys: 50, maxKeys: 200 }),
    );
  // Sizes count characters, not JSON escapes: plain text stays within the budget, and text made of
  // nothing but characters JSON escapes (at most six for one) within six times it.
  const plainText = fc.stringMatching(/^[a-z ]{1,20}$/);
  for (const [text, factor] of [
    [plainText, 1],
    [fc.string({ minLength: 1 }), 6],
  ] as const) {
    fc.assert(
      fc.property(big(text), fc.integer({ min: 16, max: 2000 }), (value, limit) => {
        const { value: cut } = echoValue(value, limit);
        assert.ok(within(cut, limit * factor), `${stringifyJson(cut).length} > ${limit} × ${factor}`);
      }),
      { numRuns: 200 },
    );
  }
  const proto = parseJson(`{"__proto__":"${"x".repeat(100_000)}"}`);
  const cut = echoValue(proto, 1000).value as Record<string, unknown>;
  assert.deepEqual(Object.keys(cut), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(cut), Object.prototype);
});

test("a 422's issues: at most MAX_ISSUES, echoes and `loc` keys within the total budget", () => {
  const huge = "x".repeat(1_000_000);
  const issues = Array.from({ length: MAX_ISSUES + 500 }, (_, i) =>
    issue("string_too_long", ["body", "metadata", `${huge}${i}`], "msg", huge),
  );
  const echoed = echoIssues(issues);
  assert.equal(echoed.length, MAX_ISSUES);
  const size = JSON.stringify(echoed).length;
  assert.ok(size < ECHO_TOTAL_LIMIT + MAX_ISSUES * 700, String(size));
  assert.ok((echoed[0].loc[2] as string).includes(ELISION));
  // Small issues are passed through untouched.
  const small = [issue("missing", ["body", "email"], "Field required", { name: "x" })];
  assert.equal(echoIssues(small)[0], small[0]);
});

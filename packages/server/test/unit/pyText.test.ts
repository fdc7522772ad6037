import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { PY_SPACE, pyRstrip, pyStrip } from "../../src/validation/pyText.js";

// The definition: Python's strip() removes the str.isspace() characters at both ends.
const leading = new RegExp(`^${PY_SPACE}+`, "u");
const trailing = new RegExp(`${PY_SPACE}+$`, "u");

test("pyStrip and pyRstrip remove exactly Python's whitespace at the ends", () => {
  const spaces = [
    "\t",
    "\n",
    "\v",
    "\f",
    "\r",
    "\x1c",
    "\x1f",
    " ",
    "\x85",
    "\xa0",
    "\u1680",
    "\u2000",
    "\u200a",
    "\u2028",
    "\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
  ];
  const others = ["a", "\ufeff", "\u200b", "\u180e", "😀", "\x1b", "\x21"];
  const text = fc.array(fc.constantFrom(...spaces, ...others), { maxLength: 12 }).map((parts) => parts.join(""));
  fc.assert(
    fc.property(text, (s) => {
      assert.equal(pyStrip(s), s.replace(leading, "").replace(trailing, ""));
      assert.equal(pyRstrip(s), s.replace(trailing, ""));
    }),
    { numRuns: 5000 },
  );
});

test("a long run of inner whitespace is stripped in one pass", () => {
  const inner = `x${" ".repeat(2_000_000)}x`;
  assert.equal(pyStrip(`  ${inner}\u3000`), inner);
  assert.equal(pyRstrip(`${inner} \t`), inner);
});

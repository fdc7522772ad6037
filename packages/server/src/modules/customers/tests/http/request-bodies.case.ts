// Bodies at the edges: 10 MiB of floats, deep nesting, huge objects and
// strings holding lone surrogates. Whatever arrives, the answer is one of
// Polar's shapes, a 422's echo stays small, and the client's text is either
// stored exactly or refused.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SCHEMA, detail, expectAccepted, expectSchemaErrors, type Loc } from "../../../../../test/support/expect.js";
import { unique } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const MAX_BODY = 10 * 1024 * 1024;
const UNPARSEABLE = { detail: "There was an error parsing the body" };
const JSON_HEADERS = { "content-type": "application/json" };
/** An answer that echoes a huge input stays far below the request's size. */
const SMALL_ANSWER = 300 * 1024;

/** `head` + `item` repeated with commas + `tail`, as long as fits under the body limit. */
const fill = (head: string, item: string, tail: string) => {
  const count = Math.floor((MAX_BODY - 100 - head.length - tail.length) / (item.length + 1));
  return `${head}${`${item},`.repeat(count)}${item}${tail}`;
};

const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
const nestedValue = (levels: number): unknown => JSON.parse(nested(levels));

const UNICODE = "Input should be a valid string, unable to parse raw data as a unicode string";
const unicodeError = (loc: Loc, input: string) => detail("string_unicode", loc, UNICODE, input);
const BRANCHES = ["constrained-str", "int", "float", "bool"];

export function requestBodyCases(get: GetServer): void {
  describe("large, deep and odd request bodies", () => {
    it("10 MiB of floats without a token: parsed, then the 401", async () => {
      const reply = await get().request("POST", "/v1/customers/", { token: null, raw: fill("[", "1.5", "]"), headers: JSON_HEADERS });
      assert.equal(reply.status, 401, reply.text);
      assert.deepEqual(reply.body, { error: "Unauthorized", detail: "Unauthorized" });
    });

    it("10 MiB of floats as metadata: the 422 echoes the first of them and '...'", async () => {
      const raw = fill('{"email":"floats@example.com","metadata":[', "1.5", "]}");
      const reply = await get().request("POST", "/v1/customers/", { raw, headers: JSON_HEADERS });
      assert.equal(reply.status, 422, reply.text.slice(0, 500));
      assert.ok(reply.text.length < SMALL_ANSWER, `answer of ${reply.text.length} characters`);
      const [item] = reply.body.detail;
      assert.deepEqual(
        { ...item, input: undefined },
        { type: "dict_type", loc: ["body", "individual", "metadata"], msg: "Input should be a valid dictionary", input: undefined },
      );
      assert.ok(item.input.length > 1000, String(item.input.length));
      assert.deepEqual(item.input.slice(0, 3), [1.5, 1.5, 1.5]);
      assert.equal(item.input[item.input.length - 1], "...");
    });

    it("10 MiB of floats in an unknown field: ignored, and metadata floats stay floats", async () => {
      const raw = fill(`{"email":"${unique("junk")}@example.com","metadata":{"ratio":1.0,"half":0.5},"junk":[`, "2.0", "]}");
      const reply = await get().request("POST", "/v1/customers/", { raw, headers: JSON_HEADERS });
      assert.equal(reply.status, 201, reply.text);
      // Key order aside (jsonb keeps its own), the float written 1.0 comes back 1.0.
      assert.match(reply.text, /"metadata":\{("ratio":1\.0,"half":0\.5|"half":0\.5,"ratio":1\.0)\}/);
    });

    it("10 MiB of floats, malformed at the very end: json_invalid at Python's position", async () => {
      const raw = `${fill("[", "1.5", "")},]`;
      for (const token of [undefined, null]) {
        const reply = await get().request("POST", "/v1/customers/", { raw, token, headers: JSON_HEADERS });
        assert.equal(reply.status, 422, reply.text);
        assert.deepEqual(reply.body, {
          error: SCHEMA,
          detail: [
            detail(
              "json_invalid",
              ["body", raw.length - 2],
              "JSON decode error",
              {},
              { error: "Illegal trailing comma before end of array" },
            ),
          ],
        });
      }
    });

    it("a 10 MiB string in a field is echoed as its head and tail around '...'", async () => {
      const name = `${"a".repeat(MAX_BODY - 200)}z`;
      const reply = await get().request("POST", "/v1/customers/", { body: { email: "long@example.com", name } });
      assert.equal(reply.status, 422, reply.text.slice(0, 500));
      assert.ok(reply.text.length < SMALL_ANSWER, `answer of ${reply.text.length} characters`);
      const [item] = reply.body.detail;
      assert.deepEqual([item.type, item.loc, item.ctx], ["string_too_long", ["body", "individual", "name"], { max_length: 256 }]);
      assert.match(item.input, /^a+\.\.\.a+z$/);
    });

    it("megabytes of whitespace inside a field are trimmed in one pass", async () => {
      const padded = `x${" ".repeat(4 * 1024 * 1024)}x`;
      const address = await get().request("POST", "/v1/customers/", {
        body: { email: "pad@example.com", billing_address: { country: "XX", city: padded } },
      });
      assert.equal(address.status, 422, address.text.slice(0, 300));
      assert.deepEqual(
        address.body.detail.map((d: { type: string; loc: Loc }) => [d.type, d.loc]),
        [["enum", ["body", "individual", "billing_address", "country"]]],
      );
      const taxId = await get().request("POST", "/v1/customers/", {
        body: { email: `${unique("pad")}@example.com`, tax_id: `FR${padded}`, billing_address: { country: "FR" } },
      });
      assert.equal(taxId.status, 422, taxId.text.slice(0, 300));
      assert.ok(taxId.text.length < SMALL_ANSWER, `answer of ${taxId.text.length} characters`);
      assert.deepEqual(
        taxId.body.detail.map((d: { type: string; loc: Loc }) => [d.type, d.loc]),
        [["invalid", ["body", "tax_id"]]],
      );
    });

    it("nesting deeper than 1000 levels answers FastAPI's 400 for a body Python cannot parse, before authentication", async () => {
      for (const raw of [
        "[".repeat(100_000),
        nested(1001),
        nested(10_000),
        `{"email":"deep@example.com","junk":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`,
      ]) {
        for (const token of [undefined, null]) {
          const reply = await get().request("POST", "/v1/customers/", { raw, token, headers: JSON_HEADERS });
          assert.equal(reply.status, 400, `${raw.slice(0, 40)}: ${reply.text.slice(0, 300)}`);
          assert.deepEqual(reply.body, UNPARSEABLE);
        }
      }
    });

    it("1000 levels of nesting are JSON like any other: ignored, validated and echoed whole", async () => {
      const server = get();
      const ignored = await server.request("POST", "/v1/customers/", {
        raw: `{"email":"${unique("deep")}@example.com","junk":${nested(999)}}`,
        headers: JSON_HEADERS,
      });
      assert.equal(ignored.status, 201, ignored.text);

      const body = await server.request("POST", "/v1/customers/", { raw: nested(1000), headers: JSON_HEADERS });
      assert.equal(body.status, 422, body.text.slice(0, 300));
      assert.deepEqual(body.body.detail, [
        detail(
          "model_attributes_type",
          ["body", "individual"],
          "Input should be a valid dictionary or object to extract fields from",
          nestedValue(1000),
        ),
      ]);

      const value = nestedValue(998);
      await expectSchemaErrors(server, { metadata: { deep: value } }, (p) => [
        detail("string_type", [...p, "metadata", "deep", "constrained-str"], "Input should be a valid string", value),
        detail("int_type", [...p, "metadata", "deep", "int"], "Input should be a valid integer", value),
        detail("float_type", [...p, "metadata", "deep", "float"], "Input should be a valid number", value),
        detail("bool_type", [...p, "metadata", "deep", "bool"], "Input should be a valid boolean", value),
      ]);

      const tag = await server.request("POST", "/v1/customers/", { raw: `{"type":${nested(999)}}`, headers: JSON_HEADERS });
      assert.equal(tag.status, 422, tag.text.slice(0, 300));
      assert.equal(tag.body.detail[0].type, "union_tag_invalid");
      assert.equal(tag.body.detail[0].ctx.tag, nested(999));
    });

    it("an object with more than 10,000 members answers the same 400; 10,000 are validated", async () => {
      const members = (count: number) => Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(",");
      const tooMany = await get().request("POST", "/v1/customers/", {
        raw: `{"email":"wide@example.com","metadata":{${members(10_001)}}}`,
        headers: JSON_HEADERS,
      });
      assert.equal(tooMany.status, 400, tooMany.text.slice(0, 300));
      assert.deepEqual(tooMany.body, UNPARSEABLE);

      const reply = await get().request("POST", "/v1/customers/", {
        raw: `{"email":"wide@example.com","metadata":{${members(10_000)}}}`,
        headers: JSON_HEADERS,
      });
      assert.equal(reply.status, 422, reply.text.slice(0, 300));
      assert.ok(reply.text.length < SMALL_ANSWER, `answer of ${reply.text.length} characters`);
      const [item] = reply.body.detail;
      assert.deepEqual(
        [item.type, item.loc, item.msg, item.ctx],
        [
          "too_long",
          ["body", "individual", "metadata"],
          "Dictionary should have at most 50 items after validation, not 10000",
          { field_type: "Dictionary", max_length: 50, actual_length: 10_000 },
        ],
      );
      const keys = Object.keys(item.input);
      assert.deepEqual(keys.slice(0, 2), ["k0", "k1"]);
      assert.deepEqual([keys[keys.length - 1], item.input["..."]], ["...", "..."]);
    });

    it("a lone surrogate in any string field is a string_unicode 422 on that field", async () => {
      const server = get();
      const lone = "a\ud800b";
      for (const field of ["name", "tax_id", "locale", "email"]) {
        await expectSchemaErrors(server, { [field]: lone }, (p) => [unicodeError([...p, field], lone)]);
      }
      await expectSchemaErrors(server, { external_id: "\udc00" }, (p) => [unicodeError([...p, "external_id"], "\udc00")], [
        "create",
        "update",
      ]);
      await expectSchemaErrors(server, { billing_address: { country: "FR", city: lone, line1: "\ud83d" } }, (p) => [
        unicodeError([...p, "billing_address", "line1"], "\ud83d"),
        unicodeError([...p, "billing_address", "city"], lone),
      ]);
      await expectSchemaErrors(server, { metadata: { [lone]: "v", plan: "\udfff" } }, (p) => [
        unicodeError([...p, "metadata", lone, "[key]"], lone),
        ...BRANCHES.map((branch) => unicodeError([...p, "metadata", "plan", branch], "\udfff")),
      ]);
      const team = await server.request("POST", "/v1/customers/", {
        body: { type: "team", owner: { email: "owner@example.com", name: lone } },
      });
      assert.equal(team.status, 422, team.text);
      assert.deepEqual(team.body.detail, [unicodeError(["body", "team", "owner", "name"], lone)]);
    });

    it("surrogate pairs, escaped or not, are stored and answered exactly", async () => {
      const server = get();
      const text = "😀 \ud83d\ude00 𝄞";
      await expectAccepted(server, { name: text, metadata: { [text]: text } }, (c) => {
        assert.equal(c.name, text);
        assert.deepEqual(c.metadata, { [text]: text });
      });
      const raw = `{"email":"${unique("pair")}@example.com","external_id":"\\ud83d\\ude00${unique("x")}"}`;
      const created = await server.request("POST", "/v1/customers/", { raw, headers: JSON_HEADERS });
      assert.equal(created.status, 201, created.text);
      const stored = await server.request("GET", `/v1/customers/${created.body.id}`);
      assert.equal(stored.body.external_id, JSON.parse(raw).external_id);
      assert.ok(stored.body.external_id.startsWith("😀"));
    });
  });
}

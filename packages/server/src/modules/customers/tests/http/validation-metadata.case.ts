// Metadata: limits, the four-branch value union errors, type
// preservation, and replace-not-merge on PATCH.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detail, expectAccepted, expectSchemaErrors, type Loc } from "../../../../../test/support/expect.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const fiftyKeys = () => Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
const PARSING = (loc: Loc, input: unknown) => [
  detail("int_parsing", [...loc, "int"], "Input should be a valid integer, unable to parse string as an integer", input),
  detail("float_parsing", [...loc, "float"], "Input should be a valid number, unable to parse string as a number", input),
  detail("bool_parsing", [...loc, "bool"], "Input should be a valid boolean, unable to interpret input", input),
];
const TYPES = (loc: Loc, input: unknown) => [
  detail("string_type", [...loc, "constrained-str"], "Input should be a valid string", input),
  detail("int_type", [...loc, "int"], "Input should be a valid integer", input),
  detail("float_type", [...loc, "float"], "Input should be a valid number", input),
  detail("bool_type", [...loc, "bool"], "Input should be a valid boolean", input),
];

export function metadataValidationCases(get: GetServer): void {
  describe("metadata rules (create and both PATCH variants)", () => {
    it("accepts 50 keys, 40-character keys, 500-character values, and keeps JSON types", async () => {
      const metadata = { ...fiftyKeys(), k0: "s", k1: "1", k2: 1, k3: 1.5, k4: true, k5: false, k6: -3, ["é".repeat(40)]: "v".repeat(500) };
      delete (metadata as Record<string, unknown>).k49;
      assert.equal(Object.keys(metadata).length, 50);
      await expectAccepted(get(), { metadata }, (c) => assert.deepEqual(c.metadata, metadata));
    });

    it("numbers written as floats stay floats, stored and read back as Python prints them", async () => {
      const server = get();
      const org = await server.newOrganization();
      const body = `{"email":"float${Date.now()}@example.com","metadata":{"f":1.0,"i":1,"e":2E3,"small":0.00001,"half":-0.5,"s":"1.0"}}`;
      const created = await server.request("POST", "/v1/customers/", {
        raw: body,
        token: org.token,
        headers: { "content-type": "application/json" },
      });
      assert.equal(created.status, 201, created.text);
      // Key order is the database's on PostgreSQL (jsonb sorts keys, as on Polar), so check each pair.
      const expectFloats = (text: string) => {
        for (const pair of ['"f":1.0', '"i":1,', '"e":2000.0', '"small":1e-05', '"half":-0.5', '"s":"1.0"'])
          assert.ok(text.includes(pair), `${pair} in ${text}`);
      };
      expectFloats(created.text);
      const read = await server.request("GET", `/v1/customers/${created.body.id}`, { token: org.token });
      expectFloats(read.text);
      const listed = await server.request("GET", "/v1/customers/?metadata[f]=1.0&metadata[i]=1", { token: org.token });
      assert.equal(listed.body.pagination.total_count, 1);
      expectFloats(listed.text);
      assert.equal((await server.request("GET", "/v1/customers/?metadata[f]=1", { token: org.token })).body.pagination.total_count, 0);
    });

    it("an infinite number (1e400) is refused, not stored", async () => {
      const reply = await get().request("POST", "/v1/customers/", {
        raw: `{"email":"inf${Date.now()}@example.com","metadata":{"x":1e400}}`,
        headers: { "content-type": "application/json" },
      });
      assert.equal(reply.status, 422, reply.text);
      assert.deepEqual(
        reply.body.detail.map((d: { type: string; loc: unknown[] }) => [d.type, d.loc.at(-1)]),
        [
          ["string_type", "constrained-str"],
          ["finite_number", "int"],
          ["finite_number", "float"],
          ["bool_type", "bool"],
        ],
      );
    });

    it("more than 50 keys → too_long with the whole object as input", async () => {
      const metadata = { ...fiftyKeys(), extra: "x" };
      await expectSchemaErrors(get(), { metadata }, (p) => [
        detail("too_long", [...p, "metadata"], "Dictionary should have at most 50 items after validation, not 51", metadata, {
          field_type: "Dictionary",
          max_length: 50,
          actual_length: 51,
        }),
      ]);
    });

    it("keys must have 1 to 40 characters", async () => {
      const long = "k".repeat(41);
      await expectSchemaErrors(get(), { metadata: { "": "v", [long]: "v" } }, (p) => [
        detail("string_too_short", [...p, "metadata", "", "[key]"], "String should have at least 1 character", "", { min_length: 1 }),
        detail("string_too_long", [...p, "metadata", long, "[key]"], "String should have at most 40 characters", long, { max_length: 40 }),
      ]);
    });

    it("a bad value reports one error per union branch", async () => {
      const long = "v".repeat(501);
      const metadata = { empty: "", nothing: null, list: [1], object: { a: 1 }, long };
      await expectSchemaErrors(get(), { metadata }, (p) => {
        const at = (key: string): Loc => [...p, "metadata", key];
        return [
          detail("string_too_short", [...at("empty"), "constrained-str"], "String should have at least 1 character", "", { min_length: 1 }),
          ...PARSING(at("empty"), ""),
          ...TYPES(at("nothing"), null),
          ...TYPES(at("list"), [1]),
          ...TYPES(at("object"), { a: 1 }),
          detail("string_too_long", [...at("long"), "constrained-str"], "String should have at most 500 characters", long, {
            max_length: 500,
          }),
          ...PARSING(at("long"), long),
        ];
      });
    });

    it("metadata must be an object", async () => {
      for (const value of [null, [], "a=b", 1]) {
        await expectSchemaErrors(get(), { metadata: value }, (p) => [
          detail("dict_type", [...p, "metadata"], "Input should be a valid dictionary", value),
        ]);
      }
    });

    it("defaults to {} on create; PATCH replaces the whole object and {} clears it", async () => {
      const server = get();
      const created = await server.createCustomer();
      assert.deepEqual(created.metadata, {});
      const path = `/v1/customers/${created.id}`;
      const first = await server.request("PATCH", path, { body: { metadata: { a: "1", b: 2 } } });
      assert.deepEqual(first.body.metadata, { a: "1", b: 2 });
      const replaced = await server.request("PATCH", path, { body: { metadata: { c: true } } });
      assert.deepEqual(replaced.body.metadata, { c: true });
      const untouched = await server.request("PATCH", path, { body: { name: "Keeps metadata" } });
      assert.deepEqual(untouched.body.metadata, { c: true });
      const cleared = await server.request("PATCH", path, { body: { metadata: {} } });
      assert.deepEqual(cleared.body.metadata, {});
      assert.deepEqual((await server.request("GET", path)).body.metadata, {});
    });
  });
}

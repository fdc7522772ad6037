// How a request body and path id reach validation: content
// types, missing bodies, malformed JSON with Python's decoder positions and
// messages, and path id errors combined with body errors.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SCHEMA, assert422, detail, stringType } from "../../../../../test/support/expect.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const ATTRS = "Input should be a valid dictionary or object to extract fields from";
const MISSING_BODY = detail("missing", ["body"], "Field required", null);
const INVALID_CHARACTER = "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found";
const uuidParsing = (input: string, error: string) =>
  detail("uuid_parsing", ["path", "id"], `Input should be a valid UUID, ${error}`, input, { error });
const jsonInvalid = (position: number, error: string) => detail("json_invalid", ["body", position], "JSON decode error", {}, { error });

export function requestValidationCases(get: GetServer): void {
  describe("request bodies and path ids", () => {
    const targets = async () => {
      const customer = await get().createCustomer({ external_id: `ext-${Date.now()}-${Math.random()}` });
      return [
        { method: "POST", path: "/v1/customers/", bodyLoc: ["body", "individual"] },
        { method: "PATCH", path: `/v1/customers/${customer.id}`, bodyLoc: ["body"] },
        { method: "PATCH", path: `/v1/customers/external/${encodeURIComponent(customer.external_id)}`, bodyLoc: ["body"] },
      ];
    };

    it("a body that is not JSON by its content type is validated as raw text", async () => {
      const raw = '{"email":"raw@example.com"}';
      for (const { method, path, bodyLoc } of await targets()) {
        for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx", "json"]) {
          const reply = await get().request(method, path, { raw, headers: { "content-type": contentType } });
          assert422(reply, SCHEMA, [detail("model_attributes_type", bodyLoc, ATTRS, raw)]);
        }
      }
    });

    it("application/json with parameters and application/*+json are parsed", async () => {
      for (const contentType of ["Application/JSON; charset=utf-8", "application/vnd.api+json", "application/merge-patch+json"]) {
        const reply = await get().request("POST", "/v1/customers/", {
          raw: JSON.stringify({ email: `ct${Math.random().toString(36).slice(2)}@example.com` }),
          headers: { "content-type": contentType },
        });
        assert.equal(reply.status, 201, `${contentType}: ${reply.text}`);
      }
    });

    it("JSON that is not an object: model_attributes_type; empty body or null: missing", async () => {
      for (const { method, path, bodyLoc } of await targets()) {
        for (const value of [[], "text", 3, true]) {
          assert422(await get().request(method, path, { body: value }), SCHEMA, [detail("model_attributes_type", bodyLoc, ATTRS, value)]);
        }
        assert422(await get().request(method, path, { raw: "null", headers: { "content-type": "application/json" } }), SCHEMA, [
          MISSING_BODY,
        ]);
        assert422(await get().request(method, path, { raw: "", headers: { "content-type": "application/json" } }), SCHEMA, [MISSING_BODY]);
        assert422(await get().request(method, path), SCHEMA, [MISSING_BODY]);
      }
    });

    it("malformed JSON: json_invalid with Python's position and message, before authentication", async () => {
      const cases: [string, number, string][] = [
        ['{"a":}', 5, "Expecting value"],
        ['{"a" 1}', 5, "Expecting ':' delimiter"],
        ['{"a":1} x', 8, "Extra data"],
        ['{"a":1}{}', 7, "Extra data"],
        ["{'a':1}", 1, "Expecting property name enclosed in double quotes"],
        ['{"a":1,}', 6, "Illegal trailing comma before end of object"],
        ['{"a":1 "b":2}', 7, "Expecting ',' delimiter"],
        ['{"a":"x', 5, "Unterminated string starting at"],
        ['{"é":}', 5, "Expecting value"],
        ["   ", 3, "Expecting value"],
        ["{", 1, "Expecting property name enclosed in double quotes"],
        ["[1,2", 4, "Expecting ',' delimiter"],
      ];
      for (const { method, path } of await targets()) {
        for (const [raw, position, message] of cases) {
          for (const token of [undefined, null]) {
            const reply = await get().request(method, path, { raw, token, headers: { "content-type": "application/json" } });
            assert.equal(reply.status, 422, `${method} ${path} ${raw}: ${reply.text}`);
            assert.deepEqual(reply.body, { error: SCHEMA, detail: [jsonInvalid(position, message)] }, raw);
          }
        }
      }
    });

    it("path id: uuid_parsing details, uuid_version for other versions", async () => {
      const cases: [string, string][] = [
        ["not-a-uuid", `${INVALID_CHARACTER} \`n\` at 1`],
        ["abc", "invalid length: expected length 32 for simple format, found 3"],
        ["0b6a4e0a-7d8c-4c5e-9a64", "invalid group count: expected 5, found 4"],
        ["0b6a4e0a7-d8c-4c5e-9a64-4b9f4b5ad111", "invalid group length in group 0: expected 8, found 9"],
        ["0b6a4e0a-7d8c-4c5e-9a64-4b9f4b5ad11", "invalid group length in group 4: expected 12, found 11"],
        ["0b6a4e0a-7d8c-4c5e-9a64-4b9f4b5ad11z", `${INVALID_CHARACTER} \`z\` at 36`],
      ];
      for (const [id, error] of cases) {
        for (const [method, path] of [
          ["GET", `/v1/customers/${id}`],
          ["GET", `/v1/customers/${id}/state`],
          ["DELETE", `/v1/customers/${id}`],
        ]) {
          assert422(await get().request(method, path), SCHEMA, [uuidParsing(id, error)]);
        }
      }
      const v1 = "c232ab00-9414-11ec-b3c8-9f6bdeced846";
      assert422(await get().request("GET", `/v1/customers/${v1}`), SCHEMA, [
        detail("uuid_version", ["path", "id"], "UUID version 4 expected", v1, { expected_version: 4 }),
      ]);
    });

    it("PATCH reports path id and body errors together, path first", async () => {
      const server = get();
      const v1 = "c232ab00-9414-11ec-b3c8-9f6bdeced846";
      const version = detail("uuid_version", ["path", "id"], "UUID version 4 expected", v1, { expected_version: 4 });
      assert422(await server.request("PATCH", `/v1/customers/${v1}`, { body: { name: 1, locale: 2 } }), SCHEMA, [
        version,
        stringType(["body", "name"], 1),
        stringType(["body", "locale"], 2),
      ]);
      assert422(await server.request("PATCH", "/v1/customers/xyz"), SCHEMA, [
        uuidParsing("xyz", `${INVALID_CHARACTER} \`x\` at 1`),
        MISSING_BODY,
      ]);
      assert422(await server.request("PATCH", `/v1/customers/${v1}`, { raw: "text", headers: { "content-type": "text/plain" } }), SCHEMA, [
        version,
        detail("model_attributes_type", ["body"], ATTRS, "text"),
      ]);
    });
  });
}

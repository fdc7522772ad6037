// POST /v1/events/ingest over HTTP: every validation rule with its exact 422,
// the organization rules for organization and user tokens, all-or-nothing,
// and deduplication by external id (repeats, within a batch, concurrent).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { BUSINESS, SCHEMA, assert422, detail } from "../../../../../test/support/expect.js";
import { INSUFFICIENT_SCOPE, MISSING_ID } from "../../../../../test/support/catalog.js";
import { USAGE_SCOPES, ingest, ingestOk, usageOrg } from "../../../../../test/support/usage.js";

const C = "EventCreateCustomer";
const X = "EventCreateExternalCustomer";
const missing = (loc: (string | number)[], input: unknown) => detail("missing", loc, "Field required", input);

async function storedEvents(server: ReturnType<GetServer>, organizationId: string): Promise<number> {
  const rows = await server.storage.database.db
    .selectFrom("events" as never)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("organization_id" as never, "=", organizationId as never)
    .executeTakeFirstOrThrow();
  return Number((rows as { n: number | string }).n);
}

export function ingestCases(get: GetServer): void {
  describe("events: ingest", () => {
    it("accepts an empty batch and both item variants, and answers {inserted, duplicates}", async () => {
      const server = get();
      const org = await usageOrg(server);
      const customer = await server.createCustomer({}, org.token);
      await ingestOk(server, org.token, [], 0);
      await ingestOk(server, org.token, [
        { name: "api_call", customer_id: customer.id, metadata: { n: 1, f: 1.5, s: "x", b: true }, timestamp: "2024-01-02T03:04:05+02:00" },
        { name: "api_call", external_customer_id: "anyone", external_member_id: "m1", parent_id: "p", external_id: null },
        {
          name: "llm",
          external_customer_id: "anyone",
          metadata: {
            _llm: { vendor: "openai", model: "gpt", input_tokens: 1, output_tokens: 2, total_tokens: 3 },
            _cost: { amount: "1.5", currency: "usd" },
          },
        },
      ]);
      assert.equal(await storedEvents(server, org.id), 3);
      const [row] = (await server.storage.database.db
        .selectFrom("events" as never)
        .selectAll()
        .where("customer_id" as never, "=", customer.id as never)
        .execute()) as Record<string, unknown>[];
      assert.equal(row.source, "user");
      assert.equal(server.storage.database.dialect.codec.readTime(row.timestamp).toISOString(), "2024-01-02T01:04:05.000Z");
    });

    it("reports schema errors per smart-union member, at the item's index", async () => {
      const server = get();
      const org = await usageOrg(server);
      assert422(await ingest(server, org.token, [{ name: "a" }]), SCHEMA, [
        missing(["body", "events", 0, C, "customer_id"], { name: "a" }),
        missing(["body", "events", 0, X, "external_customer_id"], { name: "a" }),
      ]);
      const long = "n".repeat(129);
      assert422(
        await ingest(server, org.token, [
          { name: "ok", external_customer_id: "x" },
          { name: long, external_customer_id: "x" },
        ]),
        SCHEMA,
        [
          detail("string_too_long", ["body", "events", 1, C, "name"], "String should have at most 128 characters", long, {
            max_length: 128,
          }),
          missing(["body", "events", 1, C, "customer_id"], { name: long, external_customer_id: "x" }),
          detail("string_too_long", ["body", "events", 1, X, "name"], "String should have at most 128 characters", long, {
            max_length: 128,
          }),
        ],
      );
      const naive = { name: "a", external_customer_id: "x", timestamp: "2024-01-01T00:00:00" };
      assert422(await ingest(server, org.token, [naive]), SCHEMA, [
        detail("timezone_aware", ["body", "events", 0, C, "timestamp"], "Input should have timezone info", naive.timestamp),
        missing(["body", "events", 0, C, "customer_id"], naive),
        detail("timezone_aware", ["body", "events", 0, X, "timestamp"], "Input should have timezone info", naive.timestamp),
      ]);
      const badUuid = { name: "a", customer_id: "nope" };
      const reply = await ingest(server, org.token, [badUuid]);
      assert.equal(reply.status, 422);
      assert.deepEqual(
        reply.body.detail.map((d: { loc: unknown[] }) => d.loc),
        [
          ["body", "events", 0, C, "customer_id"],
          ["body", "events", 0, X, "external_customer_id"],
        ],
      );
      const emptyValue = (member: string) => [
        detail(
          "string_too_short",
          ["body", "events", 0, member, "metadata", "k", "constrained-str"],
          "String should have at least 1 character",
          "",
          {
            min_length: 1,
          },
        ),
        detail(
          "int_parsing",
          ["body", "events", 0, member, "metadata", "k", "int"],
          "Input should be a valid integer, unable to parse string as an integer",
          "",
        ),
        detail(
          "float_parsing",
          ["body", "events", 0, member, "metadata", "k", "float"],
          "Input should be a valid number, unable to parse string as a number",
          "",
        ),
        detail(
          "bool_parsing",
          ["body", "events", 0, member, "metadata", "k", "bool"],
          "Input should be a valid boolean, unable to interpret input",
          "",
        ),
      ];
      const emptyMetadata = { name: "a", external_customer_id: "x", metadata: { k: "" } };
      assert422(await ingest(server, org.token, [emptyMetadata]), SCHEMA, [
        ...emptyValue(C),
        missing(["body", "events", 0, C, "customer_id"], emptyMetadata),
        ...emptyValue(X),
      ]);
      const noLlmTokens = { name: "a", external_customer_id: "x", metadata: { _llm: { vendor: "v", model: "m" } } };
      const llm = await ingest(server, org.token, [noLlmTokens]);
      assert.equal(llm.status, 422);
      assert.deepEqual(
        llm.body.detail.filter((d: { loc: unknown[] }) => d.loc[3] === X).map((d: { loc: unknown[] }) => d.loc.slice(4)),
        [
          ["metadata", "_llm", "input_tokens"],
          ["metadata", "_llm", "output_tokens"],
          ["metadata", "_llm", "total_tokens"],
        ],
      );
      assert422(await server.request("POST", "/v1/events/ingest", { token: org.token, body: {} }), SCHEMA, [
        missing(["body", "events"], {}),
      ]);
      assert422(await server.request("POST", "/v1/events/ingest", { token: org.token, body: { events: 1 } }), SCHEMA, [
        detail("list_type", ["body", "events"], "Input should be a valid list", 1),
      ]);
    });

    it("refuses a timestamp in the future as Pydantic does, and stores nothing", async () => {
      const server = get();
      const org = await usageOrg(server);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const item = { name: "a", external_customer_id: "x", timestamp: future };
      assert422(await ingest(server, org.token, [item]), SCHEMA, [
        detail("value_error", ["body", "events", 0, C, "timestamp"], "Value error, Timestamp must be in the past.", future, { error: {} }),
        missing(["body", "events", 0, C, "customer_id"], item),
        detail("value_error", ["body", "events", 0, X, "timestamp"], "Value error, Timestamp must be in the past.", future, { error: {} }),
      ]);
      assert.equal(await storedEvents(server, org.id), 0);
    });

    it("checks customers, members and organizations of every item and stores nothing when one fails", async () => {
      const server = get();
      const org = await usageOrg(server);
      const other = await usageOrg(server);
      const customer = await server.createCustomer({}, org.token);
      const foreign = await server.createCustomer({}, other.token);
      const member = randomUUID();
      assert422(
        await ingest(server, org.token, [
          { name: "ok", customer_id: customer.id },
          { name: "a", customer_id: MISSING_ID },
          { name: "b", customer_id: foreign.id },
          { name: "c", customer_id: customer.id, member_id: member },
          { name: "d", external_customer_id: "x", organization_id: org.id },
        ]),
        BUSINESS,
        [
          detail("customer_id", ["body", "events", 1, "customer_id"], "Customer not found.", MISSING_ID),
          detail("customer_id", ["body", "events", 2, "customer_id"], "Customer not found.", foreign.id),
          detail("member_id", ["body", "events", 3, "member_id"], "Member not found.", member),
          detail(
            "organization_token",
            ["body", "events", 4, "organization_id"],
            "Setting organization_id is disallowed when using an organization token.",
            org.id,
          ),
        ],
      );
      assert.equal(await storedEvents(server, org.id), 0);
    });

    it("applies the user-token organization rules: required, accessible, events:ingest role", async () => {
      const server = get();
      const org = await usageOrg(server);
      const finance = await usageOrg(server);
      const stranger = await usageOrg(server);
      const user = await server.newUser(
        [
          [org.id, "member"],
          [finance.id, "finance"],
        ],
        USAGE_SCOPES,
      );
      const customer = await server.createCustomer({}, org.token);
      assert422(
        await ingest(server, user.token, [
          { name: "a", external_customer_id: "x" },
          { name: "b", external_customer_id: "x", organization_id: stranger.id },
          { name: "c", external_customer_id: "x", organization_id: finance.id },
        ]),
        BUSINESS,
        [
          detail("missing", ["body", "events", 0, "organization_id"], "organization_id is required.", null),
          detail("organization_id", ["body", "events", 1, "organization_id"], "Organization not found.", stranger.id),
          detail("organization_id", ["body", "events", 2, "organization_id"], "Organization not found.", finance.id),
        ],
      );
      // A customer of an organization the user reaches, named with another organization: not found there.
      assert422(await ingest(server, user.token, [{ name: "a", customer_id: customer.id, organization_id: stranger.id }]), BUSINESS, [
        detail("organization_id", ["body", "events", 0, "organization_id"], "Organization not found.", stranger.id),
      ]);
      await ingestOk(server, user.token, [{ name: "a", customer_id: customer.id, organization_id: org.id }]);
      // Narrowed to one organization by the Polar-Organization header, organization_id may be left out.
      const narrowed = await server.request("POST", "/v1/events/ingest", {
        token: user.token,
        headers: { "polar-organization": org.id },
        body: { events: [{ name: "a", external_customer_id: "x" }] },
      });
      assert.equal(narrowed.status, 200, narrowed.text);
      assert.equal(await storedEvents(server, org.id), 2);
    });

    it("needs events:write", async () => {
      const server = get();
      const org = await usageOrg(server);
      const token = await server.newToken(org.id, ["events:read", "customers:write"]);
      const reply = await ingest(server, token, []);
      assert.equal(reply.status, 403);
      assert.deepEqual(reply.body, INSUFFICIENT_SCOPE);
    });

    it("skips repeats of an external id, in the database and within one batch", async () => {
      const server = get();
      const org = await usageOrg(server);
      const other = await usageOrg(server);
      await ingestOk(server, org.token, [{ name: "a", external_customer_id: "x", external_id: "e1" }]);
      await ingestOk(
        server,
        org.token,
        [
          { name: "a", external_customer_id: "x", external_id: "e1" },
          { name: "a", external_customer_id: "x", external_id: "e2" },
          { name: "a", external_customer_id: "x", external_id: "e2" },
          { name: "a", external_customer_id: "x" },
          { name: "a", external_customer_id: "x" },
        ],
        3,
        2,
      );
      // External ids are unique per organization only.
      await ingestOk(server, other.token, [{ name: "a", external_customer_id: "x", external_id: "e1" }]);
      assert.equal(await storedEvents(server, org.id), 4);
    });

    it("stores an external id once when 50 ingests race for it", async () => {
      const server = get();
      const org = await usageOrg(server);
      const replies = await Promise.all(
        Array.from({ length: 50 }, () => ingest(server, org.token, [{ name: "race", external_customer_id: "x", external_id: "same" }])),
      );
      for (const reply of replies) assert.equal(reply.status, 200, reply.text);
      assert.equal(
        replies.reduce((sum, r) => sum + r.body.inserted, 0),
        1,
      );
      assert.equal(
        replies.reduce((sum, r) => sum + r.body.duplicates, 0),
        49,
      );
      assert.equal(await storedEvents(server, org.id), 1);
    });
  });
}

// Races on the per-organization uniqueness rules: many simultaneous requests
// for the same email or external id must yield exactly one winner and clean
// 422s for everyone else, never a 500 and never a duplicate row.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unique, type Reply } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const RACERS = 50;

/** Varies the letter case of an address, differently for each `i`. */
function caseVariant(email: string, i: number): string {
  return [...email].map((ch, j) => (((i >> (j % 6)) & 1) === 1 ? ch.toUpperCase() : ch.toLowerCase())).join("");
}

/** What the server echoes back: the address as normalised (domain lower-cased, local part kept). */
function normalised(email: string): string {
  const at = email.lastIndexOf("@");
  return email.slice(0, at) + email.slice(at).toLowerCase();
}

function tally(replies: Reply[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const reply of replies) counts.set(reply.status, (counts.get(reply.status) ?? 0) + 1);
  return counts;
}

function describeReplies(replies: Reply[]): string {
  return JSON.stringify([...tally(replies)]) + " " + (replies.find((r) => r.status >= 500)?.text ?? "");
}

export function concurrencyCases(get: GetServer): void {
  describe("concurrent writes", () => {
    it("lets exactly one of 50 concurrent creates with the same email (any case) win", async () => {
      const server = get();
      const org = await server.newOrganization();
      const email = `${unique("race")}@example.com`;
      const replies = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          server.request("POST", "/v1/customers/", { token: org.token, body: { email: caseVariant(email, i), name: `racer ${i}` } }),
        ),
      );
      const counts = tally(replies);
      assert.equal(counts.get(201), 1, describeReplies(replies));
      assert.equal(counts.get(422), RACERS - 1, describeReplies(replies));
      for (const [i, reply] of replies.entries()) {
        if (reply.status !== 422) continue;
        assert.deepEqual(reply.body, {
          error: "PolarRequestValidationError",
          detail: [
            {
              type: "value_error",
              loc: ["body", "email"],
              msg: "A customer with this email address already exists.",
              input: normalised(caseVariant(email, i)),
            },
          ],
        });
      }
      const list = await server.request("GET", `/v1/customers/?email=${encodeURIComponent(email)}`, { token: org.token });
      assert.equal(list.status, 200);
      assert.equal(list.body.pagination.total_count, 1);
      const all = await server.request("GET", "/v1/customers/", { token: org.token });
      assert.equal(all.body.pagination.total_count, 1);
    });

    it("lets exactly one of 50 concurrent creates with the same external id win", async () => {
      const server = get();
      const org = await server.newOrganization();
      const externalId = unique("race_ext_");
      const replies = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          server.request("POST", "/v1/customers/", {
            token: org.token,
            body: { email: `${unique(`r${i}_`)}@example.com`, external_id: externalId },
          }),
        ),
      );
      const counts = tally(replies);
      assert.equal(counts.get(201), 1, describeReplies(replies));
      assert.equal(counts.get(422), RACERS - 1, describeReplies(replies));
      for (const reply of replies) {
        if (reply.status !== 422) continue;
        assert.deepEqual(reply.body, {
          error: "PolarRequestValidationError",
          detail: [
            {
              type: "value_error",
              loc: ["body", "external_id"],
              msg: "A customer with this external ID already exists.",
              input: externalId,
            },
          ],
        });
      }
      const winner = replies.find((r) => r.status === 201)!.body;
      const byExternal = await server.request("GET", `/v1/customers/external/${externalId}`, { token: org.token });
      assert.equal(byExternal.status, 200);
      assert.equal(byExternal.body.id, winner.id);
      const list = await server.request("GET", "/v1/customers/", { token: org.token });
      assert.equal(list.body.pagination.total_count, 1);
    });

    it("reports both conflicts when racers share the email and the external id", async () => {
      const server = get();
      const org = await server.newOrganization();
      const email = `${unique("both")}@example.com`;
      const externalId = unique("both_ext_");
      const replies = await Promise.all(
        Array.from({ length: 20 }, () =>
          server.request("POST", "/v1/customers/", { token: org.token, body: { email, external_id: externalId } }),
        ),
      );
      const counts = tally(replies);
      assert.equal(counts.get(201), 1, describeReplies(replies));
      assert.equal(counts.get(422), 19, describeReplies(replies));
      for (const reply of replies) {
        if (reply.status !== 422) continue;
        assert.deepEqual(
          reply.body.detail.map((d: { loc: string[] }) => d.loc[1]),
          ["email", "external_id"],
          reply.text,
        );
      }
      assert.equal((await server.request("GET", "/v1/customers/", { token: org.token })).body.pagination.total_count, 1);
    });

    it("lets exactly one of 50 concurrent PATCHes claim the same external id (write-once)", async () => {
      const server = get();
      const org = await server.newOrganization();
      const customers = [];
      for (let i = 0; i < RACERS; i++) customers.push(await server.createCustomer({}, org.token));
      const externalId = unique("claim_");
      const replies = await Promise.all(
        customers.map((c) => server.request("PATCH", `/v1/customers/${c.id}`, { token: org.token, body: { external_id: externalId } })),
      );
      const counts = tally(replies);
      assert.equal(counts.get(200), 1, describeReplies(replies));
      assert.equal(counts.get(422), RACERS - 1, describeReplies(replies));
      for (const reply of replies) {
        if (reply.status !== 422) continue;
        assert.deepEqual(reply.body, {
          error: "PolarRequestValidationError",
          detail: [
            {
              type: "value_error",
              loc: ["body", "external_id"],
              msg: "A customer with this external ID already exists.",
              input: externalId,
            },
          ],
        });
      }
      const winner = replies.find((r) => r.status === 200)!.body;
      assert.equal(winner.external_id, externalId);
      const holders = await server.request("GET", `/v1/customers/?query=${externalId}`, { token: org.token });
      assert.equal(holders.body.pagination.total_count, 1);
      assert.equal(holders.body.items[0].id, winner.id);
      // The losers still have no external id and can claim another one.
      const loser = customers.find((c) => c.id !== winner.id)!;
      const reread = await server.request("GET", `/v1/customers/${loser.id}`, { token: org.token });
      assert.equal(reread.body.external_id, null);
    });

    it("lets exactly one of 50 concurrent PATCHes move to the same email", async () => {
      const server = get();
      const org = await server.newOrganization();
      const customers = [];
      for (let i = 0; i < RACERS; i++) customers.push(await server.createCustomer({}, org.token));
      const email = `${unique("target")}@example.com`;
      const replies = await Promise.all(
        customers.map((c, i) =>
          server.request("PATCH", `/v1/customers/${c.id}`, { token: org.token, body: { email: caseVariant(email, i) } }),
        ),
      );
      const counts = tally(replies);
      assert.equal(counts.get(200), 1, describeReplies(replies));
      assert.equal(counts.get(422), RACERS - 1, describeReplies(replies));
      for (const reply of replies) {
        if (reply.status !== 422) continue;
        assert.equal(reply.body.detail[0].msg, "A customer with this email address already exists.");
      }
      const list = await server.request("GET", `/v1/customers/?email=${encodeURIComponent(email)}`, { token: org.token });
      assert.equal(list.body.pagination.total_count, 1);
    });

    it("keeps the same email in different organizations independent under concurrency", async () => {
      const server = get();
      const orgs = await Promise.all(Array.from({ length: 10 }, () => server.newOrganization()));
      const email = `${unique("shared")}@example.com`;
      const externalId = unique("shared_");
      const replies = await Promise.all(
        orgs.map((org) => server.request("POST", "/v1/customers/", { token: org.token, body: { email, external_id: externalId } })),
      );
      assert.deepEqual(
        replies.map((r) => r.status),
        orgs.map(() => 201),
        describeReplies(replies),
      );
    });

    it("deletes a customer exactly once under concurrent deletes and frees its identifiers", async () => {
      const server = get();
      const org = await server.newOrganization();
      const externalId = unique("gone_");
      const email = `${unique("gone")}@example.com`;
      const created = await server.createCustomer({ email, external_id: externalId }, org.token);
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          server.request("DELETE", i % 2 === 0 ? `/v1/customers/${created.id}` : `/v1/customers/external/${externalId}`, {
            token: org.token,
          }),
        ),
      );
      const counts = tally(replies);
      assert.equal(counts.get(204), 1, describeReplies(replies));
      assert.equal(counts.get(404), 19, describeReplies(replies));
      const again = await server.createCustomer({ email, external_id: externalId }, org.token);
      assert.notEqual(again.id, created.id);
    });
  });
}

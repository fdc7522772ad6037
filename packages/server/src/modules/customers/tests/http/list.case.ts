// GET /v1/customers/: paging, sorting and parameter errors here;
// filters in list-filters.case.ts. Every test works in its own organization
// so counts are exact.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SCHEMA, assert422, createInOrder, detail } from "../../../../../test/support/expect.js";
import type { TestServer } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { listFilterCases } from "./list-filters.case.js";

const SORT_EXPECTED = "'created_at', '-created_at', 'email', '-email', 'name' or '-name'";

export async function listPage(server: TestServer, token: string, query = ""): Promise<any> {
  const reply = await server.request("GET", `/v1/customers/${query}`, { token });
  assert.equal(reply.status, 200, `${query}: ${reply.text}`);
  assert.deepEqual(Object.keys(reply.body), ["items", "pagination"]);
  return reply.body;
}

/** Ids of the listed items, for order assertions. */
export const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

async function createMany(server: TestServer, token: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 25) {
    await Promise.all(Array.from({ length: Math.min(25, count - start) }, () => server.createCustomer({}, token)));
  }
}

export function listCases(get: GetServer): void {
  describe("list: paging", () => {
    it("an organization without customers lists nothing", async () => {
      const org = await get().newOrganization();
      assert.deepEqual(await listPage(get(), org.token), { items: [], pagination: { total_count: 0, max_page: 0 } });
    });

    it("defaults to page 1 of 10, newest first; pages past the end are empty with the same totals", async () => {
      const server = get();
      const org = await server.newOrganization();
      const created = await createInOrder(
        server,
        org.token,
        Array.from({ length: 12 }, () => ({})),
      );
      const newestFirst = created.map((c) => c.id).reverse();
      const first = await listPage(server, org.token);
      assert.deepEqual(first.pagination, { total_count: 12, max_page: 2 });
      assert.deepEqual(ids(first), newestFirst.slice(0, 10));
      assert.deepEqual(first.items[0], created[11]);
      const second = await listPage(server, org.token, "?page=2");
      assert.deepEqual(ids(second), newestFirst.slice(10));
      assert.deepEqual(await listPage(server, org.token, "?page=3"), { items: [], pagination: { total_count: 12, max_page: 2 } });
      assert.deepEqual(await listPage(server, org.token, "?page=1000&limit=5"), {
        items: [],
        pagination: { total_count: 12, max_page: 3 },
      });
      const small = await listPage(server, org.token, "?page=3&limit=5");
      assert.deepEqual([ids(small), small.pagination], [newestFirst.slice(10), { total_count: 12, max_page: 3 }]);
      const exact = await listPage(server, org.token, "?limit=4&page=3");
      assert.deepEqual([ids(exact), exact.pagination], [newestFirst.slice(8, 12), { total_count: 12, max_page: 3 }]);
    });

    it("limit above 100 is clamped to 100", async () => {
      const server = get();
      const org = await server.newOrganization();
      await createMany(server, org.token, 101);
      for (const limit of [100, 101, 1000, 99999999999]) {
        const page = await listPage(server, org.token, `?limit=${limit}`);
        assert.deepEqual([page.items.length, page.pagination], [100, { total_count: 101, max_page: 2 }], `limit ${limit}`);
      }
      const last = await listPage(server, org.token, "?limit=500&page=2");
      assert.deepEqual([last.items.length, last.pagination], [1, { total_count: 101, max_page: 2 }]);
    });

    it("page and limit must be integers greater than 0", async () => {
      const server = get();
      const greater = (name: string, input: string) =>
        detail("greater_than", ["query", name], "Input should be greater than 0", input, { gt: 0 });
      const parsing = (name: string, input: string) =>
        detail("int_parsing", ["query", name], "Input should be a valid integer, unable to parse string as an integer", input);
      for (const name of ["page", "limit"]) {
        for (const value of ["0", "-1", "-100"])
          assert422(await server.request("GET", `/v1/customers/?${name}=${value}`), SCHEMA, [greater(name, value)]);
        for (const value of ["abc", "1.5", "", "1e2", "one"]) {
          assert422(await server.request("GET", `/v1/customers/?${name}=${value}`), SCHEMA, [parsing(name, value)]);
        }
      }
      assert422(await server.request("GET", "/v1/customers/?page=0&limit=x"), SCHEMA, [greater("page", "0"), parsing("limit", "x")]);
      const lenient = await server.request("GET", "/v1/customers/?page=%201%20&limit=2.0");
      assert.equal(lenient.status, 200, lenient.text);
    });
  });

  describe("list: sorting", () => {
    it("sorts by each key ascending and descending, NULL names last ascending and first descending", async () => {
      const server = get();
      const org = await server.newOrganization();
      const [c1, c2, c3, c4] = await createInOrder(server, org.token, [
        { email: `bravo.${org.id}@example.com`, name: "charlie" },
        { email: `delta.${org.id}@example.com`, name: null },
        { email: `alpha.${org.id}@example.com`, name: "bravo" },
        { email: `charlie.${org.id}@example.com`, name: "alpha" },
      ]);
      const expectations: [string, unknown[]][] = [
        ["", [c4, c3, c2, c1]],
        ["?sorting=-created_at", [c4, c3, c2, c1]],
        ["?sorting=created_at", [c1, c2, c3, c4]],
        ["?sorting=email", [c3, c1, c4, c2]],
        ["?sorting=-email", [c2, c4, c1, c3]],
        ["?sorting=name", [c4, c3, c1, c2]],
        ["?sorting=-name", [c2, c1, c3, c4]],
      ];
      for (const [query, expected] of expectations) {
        assert.deepEqual(
          ids(await listPage(server, org.token, query)),
          expected.map((c) => (c as { id: string }).id),
          query,
        );
      }
    });

    it("applies several criteria in order", async () => {
      const server = get();
      const org = await server.newOrganization();
      const [a1, b1, a2, b2] = await createInOrder(server, org.token, [
        { email: `a1.${org.id}@example.com`, name: "same" },
        { email: `b1.${org.id}@example.com`, name: "other" },
        { email: `a2.${org.id}@example.com`, name: "same" },
        { email: `b2.${org.id}@example.com`, name: "other" },
      ]);
      assert.deepEqual(ids(await listPage(server, org.token, "?sorting=name&sorting=-email")), [b2.id, b1.id, a2.id, a1.id]);
      assert.deepEqual(ids(await listPage(server, org.token, "?sorting=-name&sorting=created_at")), [a1.id, a2.id, b1.id, b2.id]);
      assert.deepEqual(ids(await listPage(server, org.token, "?sorting=-name&sorting=-created_at&limit=3")), [a2.id, a1.id, b2.id]);
    });

    it("an unknown value is an enum error at its index", async () => {
      const server = get();
      const error = (index: number, input: string) =>
        detail("enum", ["query", "sorting", index], `Input should be ${SORT_EXPECTED}`, input, { expected: SORT_EXPECTED });
      assert422(await server.request("GET", "/v1/customers/?sorting=foo"), SCHEMA, [error(0, "foo")]);
      assert422(await server.request("GET", "/v1/customers/?sorting=name&sorting=Email&sorting=-id&sorting=-name"), SCHEMA, [
        error(1, "Email"),
        error(2, "-id"),
      ]);
      assert422(await server.request("GET", "/v1/customers/?sorting="), SCHEMA, [error(0, "")]);
    });
  });

  listFilterCases(get);
}

// The products list: paging, sorting and every filter.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { catalogOrg, createBenefit, createProduct } from "../../../../../test/support/catalog.js";

export function productListCases(get: GetServer): void {
  describe("products: list", () => {
    it("pages, sorts and filters", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const benefit = await createBenefit(server, org.token);
      const specs = [
        { name: "Basic", prices: [{ amount_type: "fixed", price_amount: 500 }], metadata: { tier: "low" } },
        { name: "alpha", recurring_interval: undefined, prices: [{ amount_type: "custom" }], visibility: "private" },
        { name: "Zed", prices: [{ amount_type: "fixed", price_amount: 0 }], visibility: "draft", metadata: { tier: "low" } },
        { name: "Middle_1", prices: [{ amount_type: "fixed", price_amount: 2000 }] },
      ];
      const products = [];
      for (const spec of specs) products.push(await createProduct(server, org.token, spec));
      await server.request("POST", `/v1/products/${products[3].id}/benefits`, { token: org.token, body: { benefits: [benefit.id] } });
      await server.request("PATCH", `/v1/products/${products[2].id}`, { token: org.token, body: { is_archived: true } });
      const names = async (query: string) => {
        const reply = await server.request("GET", `/v1/products/?${query}`, { token: org.token });
        assert.equal(reply.status, 200, `${query}: ${reply.text}`);
        return reply.body.items.map((p: any) => p.name);
      };
      assert.deepEqual(await names(""), ["Middle_1", "Zed", "alpha", "Basic"]);
      assert.deepEqual(await names("sorting=name"), ["Basic", "Middle_1", "Zed", "alpha"]);
      assert.deepEqual(await names("sorting=price_amount&sorting=name"), ["Zed", "alpha", "Basic", "Middle_1"]);
      assert.deepEqual(await names("sorting=-price_amount_type&sorting=name"), ["Basic", "Middle_1", "Zed", "alpha"]);
      assert.deepEqual(await names("limit=3&page=2"), ["Basic"]);
      const page = await server.request("GET", "/v1/products/?limit=3", { token: org.token });
      assert.deepEqual(page.body.pagination, { total_count: 4, max_page: 2 });
      assert.deepEqual(await names("query=ALP"), ["alpha"]);
      assert.deepEqual(await names("query=e_1"), ["Middle_1"]);
      assert.deepEqual(await names("is_archived=true"), ["Zed"]);
      assert.deepEqual(await names("is_archived=false&sorting=name"), ["Basic", "Middle_1", "alpha"]);
      assert.deepEqual(await names("is_recurring=false"), ["alpha"]);
      assert.deepEqual(await names(`benefit_id=${benefit.id}`), ["Middle_1"]);
      assert.deepEqual(await names("visibility=private&visibility=draft&sorting=name"), ["Zed", "alpha"]);
      assert.deepEqual(await names("metadata[tier]=low&sorting=name"), ["Basic", "Zed"]);
      assert.deepEqual(await names(`id=${products[0].id}&id=${products[1].id}&sorting=name`), ["Basic", "alpha"]);
      assert.deepEqual(await names(`organization_id=${(await catalogOrg(server)).id}`), []);
    });

    it("rejects bad list parameters with Pydantic's items", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const reply = await server.request("GET", "/v1/products/?sorting=price&visibility=public&visibility=hidden&id=nope", {
        token: org.token,
      });
      assert.equal(reply.status, 422);
      assert.deepEqual(
        reply.body.detail.map((d: any) => [d.type, d.loc]),
        [
          ["enum", ["query", "sorting", 0]],
          ["uuid_type", ["query", "id", "uuid"]],
          ["uuid_parsing", ["query", "id", "list[uuid]", 0]],
          ["enum", ["query", "visibility", 1]],
        ],
      );
    });
  });
}

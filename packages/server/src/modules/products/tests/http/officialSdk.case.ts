// The official @polar-sh/sdk 0.49.0 client decodes every products answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { ResourceNotFound } from "polar-sdk-049/models/errors/resourcenotfound.js";
import { HTTPValidationError } from "polar-sdk-049/models/errors/httpvalidationerror.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { MISSING_ID, catalogOrg, createBenefit, createMeter } from "../../../../../test/support/catalog.js";

export function productSdkCases(get: GetServer): void {
  describe("products: official SDK 0.49.0", () => {
    it("creates, gets, lists, updates and sets benefits with decoded models", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const polar = new Polar({ accessToken: org.token, serverURL: server.url });
      const meter = await createMeter(server, org.token);
      const credit = await createBenefit(server, org.token, {
        type: "meter_credit",
        description: "Credits",
        properties: { units: 5, rollover: true, meter_id: meter.id },
      });
      const custom = await createBenefit(server, org.token, { properties: { note: "Hi" } });
      const flag = await createBenefit(server, org.token, { type: "feature_flag", description: "Flag", metadata: { f: true } });
      const created = await polar.products.create({
        name: "SDK plan",
        recurringInterval: "month",
        prices: [
          { amountType: "fixed", priceAmount: 0 },
          { amountType: "metered_unit", meterId: meter.id, unitAmount: 0.01 },
        ],
      });
      assert.ok(created.createdAt instanceof Date);
      assert.equal(created.isRecurring, true);
      assert.equal(created.prices.length, 2);
      const metered = created.prices[1] as { amountType: string; unitAmount: string; meter: { id: string } };
      assert.equal(metered.amountType, "metered_unit");
      assert.equal(metered.unitAmount, "0.010000000000");
      assert.equal(metered.meter.id, meter.id);
      assert.deepEqual(await polar.products.get({ id: created.id }), created);

      const withBenefits = await polar.products.updateBenefits({
        id: created.id,
        productBenefitsUpdate: { benefits: [credit.id, custom.id, flag.id] },
      });
      assert.deepEqual(
        withBenefits.benefits.map((b) => b.type),
        ["meter_credit", "custom", "feature_flag"],
      );
      assert.ok(withBenefits.benefits[0].createdAt instanceof Date);

      const updated = await polar.products.update({
        id: created.id,
        productUpdate: { name: "SDK plan 2", isArchived: true, prices: [{ id: created.prices[0].id }] },
      });
      assert.equal(updated.name, "SDK plan 2");
      assert.equal(updated.isArchived, true);
      assert.equal(updated.prices.length, 1);
      assert.ok(updated.modifiedAt instanceof Date);

      await polar.products.create({ name: "One-time", prices: [{ amountType: "custom", minimumAmount: 100, presetAmount: 500 }] });
      const names: string[] = [];
      for await (const page of await polar.products.list({ limit: 1, sorting: ["name"] }))
        for (const p of page.result.items) names.push(p.name);
      assert.deepEqual(names, ["One-time", "SDK plan 2"]);
      const filtered = await polar.products.list({ isArchived: true, benefitId: [flag.id] });
      assert.deepEqual(
        filtered.result.items.map((p) => p.id),
        [created.id],
      );

      await assert.rejects(() => polar.products.get({ id: MISSING_ID }), ResourceNotFound);
      await assert.rejects(
        () => polar.products.create({ name: "ab", recurringInterval: "month", prices: [{ amountType: "fixed", priceAmount: 0 }] }),
        HTTPValidationError,
      );
    });
  });
}

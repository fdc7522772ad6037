// The official @polar-sh/sdk 0.49.0 client decodes every benefits answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { ResourceNotFound } from "polar-sdk-049/models/errors/resourcenotfound.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { catalogOrg, createMeter } from "../../../../../test/support/catalog.js";

export function benefitSdkCases(get: GetServer): void {
  describe("benefits: official SDK 0.49.0", () => {
    it("creates, gets, lists, updates and deletes benefits of every kind with decoded models", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const polar = new Polar({ accessToken: org.token, serverURL: server.url });
      const meter = await createMeter(server, org.token);
      const custom = await polar.benefits.create({ type: "custom", description: "Support", properties: { note: "Hi" } });
      assert.ok(custom.createdAt instanceof Date);
      assert.equal(custom.type, "custom");
      const flag = await polar.benefits.create({ type: "feature_flag", description: "Beta", properties: {}, metadata: { x: "y" } });
      assert.equal(flag.visibility, "private");
      const credit = await polar.benefits.create({
        type: "meter_credit",
        description: "Credits",
        properties: { units: 10, rollover: false, meterId: meter.id },
      });
      assert.deepEqual(credit.properties, { units: 10, rollover: false, meterId: meter.id });
      await polar.benefits.create({
        type: "license_keys",
        description: "Keys",
        properties: { prefix: null, expires: null, activations: { limit: 3, enableCustomerAdmin: true }, limitUsage: null },
      });
      await polar.benefits.create({
        type: "github_repository",
        description: "Repo",
        properties: { repositoryOwner: "a", repositoryName: "b", permission: "push" },
      });
      await polar.benefits.create({ type: "discord", description: "Role", properties: { guildToken: "t", roleId: "1", kickMember: true } });
      await polar.benefits.create({ type: "downloadables", description: "Files", properties: { files: [meter.id] } });
      assert.deepEqual(await polar.benefits.get({ id: credit.id }), credit);
      const updated = await polar.benefits.update({
        id: custom.id,
        requestBody: { type: "custom", description: "Support+", properties: { note: null } },
      });
      assert.equal(updated.description, "Support+");
      assert.ok(updated.modifiedAt instanceof Date);
      const listed: { type: string; createdAt: Date }[] = [];
      for await (const page of await polar.benefits.list({ limit: 3, sorting: ["created_at"] }))
        for (const b of page.result.items) listed.push({ type: b.type, createdAt: b.createdAt });
      // Creates within one millisecond tie on created_at (ties fall back to the random id), so
      // the pages are checked for order and completeness rather than for creation order.
      for (let i = 1; i < listed.length; i++) assert.ok(listed[i - 1]!.createdAt <= listed[i]!.createdAt, "pages in created_at order");
      assert.deepEqual(listed.map((b) => b.type).sort(), [
        "custom",
        "discord",
        "downloadables",
        "feature_flag",
        "github_repository",
        "license_keys",
        "meter_credit",
      ]);
      await polar.benefits.delete({ id: flag.id });
      await assert.rejects(() => polar.benefits.get({ id: flag.id }), ResourceNotFound);
    });
  });
}

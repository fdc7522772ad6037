import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContractTarget } from "../support/contract.js";
import { newOrg } from "../support/fixtures.js";

export function lifecycleCases(target: ContractTarget): void {
  describe("open / close", () => {
    it("reports its dialect", async () => {
      const s = await target.open();
      try {
        assert.equal(s.dialect, target.dialect);
      } finally {
        await s.close();
      }
    });

    it("several instances opening at once all migrate safely and see each other's writes", async () => {
      const all = await Promise.all([target.open(), target.open(), target.open(), target.open()]);
      try {
        const org = await newOrg(all[1]);
        for (const s of all) assert.equal((await s.accounts.getOrganization(org.id))?.name, org.name);
      } finally {
        await Promise.all(all.map((s) => s.close()));
      }
    });
  });
}

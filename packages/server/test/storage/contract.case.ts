// The storage contract: every backend must pass exactly these cases, the
// platform's own and every module's. sqlite.test.ts and postgres.test.ts
// register them against their backend.
import { after, before, describe } from "node:test";
import type { Storage } from "../../src/storage.js";
import type { ContractTarget, GetStorage } from "../support/contract.js";
import { loadModuleTests } from "../support/modules.js";
import { lifecycleCases } from "./lifecycle.case.js";

export type { ContractTarget, GetStorage };

const modules = await loadModuleTests();

export function storageContract(target: ContractTarget): void {
  describe(`storage contract (${target.dialect})`, () => {
    let storage: Storage | undefined;
    before(async () => {
      storage = await target.open();
    });
    after(async () => {
      await storage?.close();
    });
    const get: GetStorage = () => {
      if (!storage) throw new Error("storage not opened");
      return storage;
    };
    lifecycleCases(target);
    for (const { name, tests } of modules) {
      describe(name, () => {
        for (const cases of tests.storage ?? []) cases(get, target);
      });
    }
  });
}

// The storage contract: every backend must pass exactly these cases.
// sqlite.test.ts and postgres.test.ts register them against their backend.
import { after, before, describe } from "node:test";
import type { Storage } from "../../src/storage/types.js";
import { authCases } from "./auth.case.js";
import { customerCases } from "./customers.case.js";
import { listCases } from "./list.case.js";
import { searchCases } from "./search.case.js";
import { uniquenessCases } from "./uniqueness.case.js";
import { lifecycleCases } from "./lifecycle.case.js";

export interface ContractTarget {
  dialect: Storage["dialect"];
  /** Opens a storage on one shared database; may be called several times, also concurrently. */
  open(): Promise<Storage>;
}

/** Every case creates its own organizations, so all cases share one storage. */
export type GetStorage = () => Storage;

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
    customerCases(get);
    uniquenessCases(get);
    listCases(get);
    searchCases(get);
    authCases(get);
  });
}

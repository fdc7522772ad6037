// The HTTP contract: every module's cases run against a real server on each
// backend (sqlite.test.ts, postgres.test.ts), like Hono's shared router suite.

import { after, before, describe } from "node:test";
import { TestServer } from "../support/server.js";
import type { GetServer, HttpTarget } from "../support/contract.js";
import { loadModuleTests } from "../support/modules.js";

export type { GetServer, HttpTarget };

const modules = await loadModuleTests();

export function httpContract(target: HttpTarget, extraCases: ((get: GetServer) => void)[] = []): void {
  describe(`HTTP contract (${target.backend})`, () => {
    let server: TestServer | undefined;
    before(async () => {
      server = await TestServer.start(await target.databaseUrl());
    });
    after(async () => {
      await server?.close();
    });
    const get: GetServer = () => {
      if (!server) throw new Error("server not started");
      return server;
    };
    for (const { name, tests } of modules) {
      describe(name, () => {
        for (const cases of tests.http ?? []) cases(get);
      });
    }
    for (const cases of extraCases) cases(get);
  });
}

// The HTTP contract: every case runs against a real server on each backend
// (sqlite.test.ts, postgres.test.ts), like Hono's shared router suite.

import { after, before, describe } from "node:test";
import { TestServer } from "../support/server.js";
import { transportCases } from "./transport.case.js";
import { authCases } from "./auth.case.js";
import { crudCases } from "./crud.case.js";
import { validationCases } from "./validation.case.js";
import { listCases } from "./list.case.js";
import { officialSdkCases } from "./officialSdk.case.js";
import { fuzzCases } from "./fuzz.case.js";
import { concurrencyCases } from "./concurrency.case.js";
import { requestBodyCases } from "./request-bodies.case.js";

export type GetServer = () => TestServer;

export interface HttpTarget {
  backend: "sqlite" | "postgres";
  databaseUrl(): Promise<string>;
}

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
    transportCases(get);
    authCases(get);
    crudCases(get);
    validationCases(get);
    requestBodyCases(get);
    listCases(get);
    officialSdkCases(get);
    concurrencyCases(get);
    fuzzCases(get);
    for (const cases of extraCases) cases(get);
  });
}

// Runs against a real PostgreSQL; unreachable PostgreSQL fails the run, by design.
import { after } from "node:test";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { httpContract } from "./contract.case.js";

let database: TestDatabase | undefined;
after(async () => {
  await database?.drop();
});

httpContract({
  backend: "postgres",
  databaseUrl: async () => {
    database = await createTestDatabase();
    return database.url;
  },
});

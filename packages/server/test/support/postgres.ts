// A throwaway PostgreSQL database per test run. Unreachable PostgreSQL is an
// error, never a skip: a silently skipped backend would hide regressions.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env.POLAR_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL test server unreachable at ${new URL(ADMIN_URL).host} (set POLAR_TEST_POSTGRES_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `polar_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`create database "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      // WITH (FORCE) ends connections a leaked pool may still hold (PostgreSQL 13+).
      await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

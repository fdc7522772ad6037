#!/usr/bin/env node
// The `polar-customers` command. Output is part of the interface: scripts
// parse it, so data goes to stdout (one JSON object or one token) and
// problems go to stderr as one line with a non-zero exit status.

import { Command, CommanderError, Option } from "commander";
import { openStorage, type Storage } from "../storage.js";
import { addMember, createOrganization, createToken, createUser, parseScopes, UsageError } from "../modules/accounts/index.js";
import { parseDuration } from "../platform/auth/tokens.js";
import { servedScopes } from "../modules.js";

export const DEFAULT_DATABASE_URL = "sqlite:./data/polar.db";

const databaseOption = () =>
  new Option("--database <url>", "database URL: sqlite:<path>, sqlite::memory: or postgres://…").default(
    process.env.POLAR_DATABASE_URL || DEFAULT_DATABASE_URL,
    "$POLAR_DATABASE_URL or sqlite:./data/polar.db",
  );

async function withStorage<T>(url: string, work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(url);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

function buildProgram(): Command {
  const program = new Command("polar-customers")
    .description("Self-hosted Polar Customers API server")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command("serve")
    .description("run the HTTP server")
    .addOption(databaseOption())
    .addOption(new Option("--host <host>", "interface to listen on").default(process.env.HOST || "127.0.0.1"))
    .addOption(new Option("--port <port>", "port to listen on (0 picks a free one)").default(process.env.PORT || "8000"))
    .addOption(new Option("--workers <n>", "server processes sharing the port (one per core is typical)").default("1"))
    .action(async (opts: { database: string; host: string; port: string; workers: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${opts.port}"`);
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--workers must be an integer from 1 to 64, got "${opts.workers}"`);
      // Loaded on demand: the HTTP stack is most of the startup time of the admin commands.
      const { serve } = await import("./serve.js");
      await serve({ databaseUrl: opts.database, host: opts.host, port, workers });
    });

  const orgs = program.command("orgs").description("manage organizations");
  orgs
    .command("create")
    .description("create an organization and print it as JSON")
    .requiredOption("--name <name>", "organization name")
    .addOption(databaseOption())
    .action(async (opts: { name: string; database: string }) => {
      const org = await withStorage(opts.database, (s) => createOrganization(s, opts.name));
      printJson({ id: org.id, name: org.name, slug: org.slug, created_at: org.createdAt.toISOString() });
    });

  const users = program.command("users").description("manage users");
  users
    .command("create")
    .description("create a user and print it as JSON")
    .requiredOption("--email <email>", "email address")
    .addOption(databaseOption())
    .action(async (opts: { email: string; database: string }) => {
      const user = await withStorage(opts.database, (s) => createUser(s, opts.email));
      printJson({ id: user.id, email: user.email, created_at: user.createdAt.toISOString() });
    });

  program
    .command("members")
    .description("manage organization memberships")
    .command("add")
    .description("make a user a member of an organization")
    .requiredOption("--org <id>", "organization id")
    .requiredOption("--user <id>", "user id")
    .requiredOption("--role <role>", "owner, admin, member or finance")
    .addOption(databaseOption())
    .action(async (opts: { org: string; user: string; role: string; database: string }) => {
      await withStorage(opts.database, (s) => addMember(s, opts.org, opts.user, opts.role));
      printJson({ organization_id: opts.org, user_id: opts.user, role: opts.role });
    });

  program
    .command("tokens")
    .description("manage access tokens")
    .command("create")
    .description("issue an organization (--org) or personal (--user) access token and print it")
    .option("--org <id>", "organization id: issues a polar_oat_ token")
    .option("--user <id>", "user id: issues a polar_pat_ token")
    .option("--scopes <scopes>", `space-separated scopes, any of Polar's (default: every scope this server's endpoints accept: "${servedScopes().join(" ")}")`)
    .option("--expires-in <duration>", "lifetime such as 30d, 12h or 90m (default: never expires)")
    .addOption(databaseOption())
    .action(async (opts: { org?: string; user?: string; scopes?: string; expiresIn?: string; database: string }) => {
      const scopes = parseScopes(opts.scopes, servedScopes());
      let expiresInMs: number | null = null;
      if (opts.expiresIn !== undefined) {
        expiresInMs = parseDuration(opts.expiresIn);
        if (expiresInMs === null) throw new UsageError(`--expires-in must look like 30d, 12h, 90m or 45s, got "${opts.expiresIn}"`);
      }
      const token = await withStorage(opts.database, (s) => createToken(s, { organizationId: opts.org, userId: opts.user, scopes, expiresInMs }));
      process.stdout.write(`${token}\n`);
    });

  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`polar-customers: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

await main(process.argv);

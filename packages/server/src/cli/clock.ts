// `clock advance` and `clock show`: an organization's test clock, moved from
// the command line. Advancing runs every period end in the skipped interval
// here, before the command returns; running servers pick the new time up on
// their next scheduler pass (within a second by default).
import { UsageError } from "../modules/accounts/index.js";
import {
  DURATION_HELP,
  parseTime,
  TIME_HELP,
  type AdvanceResult,
  type ClockReading,
  type ClockTarget,
} from "../modules/test-clock/index.js";
import { parseDuration } from "../platform/auth/tokens.js";
import { ValidationFailed } from "../platform/errors.js";
import { openTestClocks } from "../server.js";
import type { Storage } from "../storage.js";
import { withStorage, type DatabaseLocation } from "./database.js";

export function clockTarget(options: { to?: string; by?: string }): ClockTarget {
  if ((options.to === undefined) === (options.by === undefined)) throw new UsageError("give exactly one of --to TIME or --by DURATION");
  if (options.to !== undefined) {
    const to = parseTime(options.to);
    if (to === null) throw new UsageError(`--to must be ${TIME_HELP}, got "${options.to}"`);
    return { to };
  }
  const byMs = parseDuration(options.by!);
  if (byMs === null) throw new UsageError(`--by must be ${DURATION_HELP}, got "${options.by}"`);
  return { byMs };
}

async function liveOrganization(storage: Storage, id: string): Promise<void> {
  const organization = await storage.accounts.getOrganization(id);
  if (organization === undefined || organization.deletedAt !== null)
    throw new UsageError(`no organization ${id} (see \`polar-customers orgs list\`)`);
}

export async function advanceClock(location: DatabaseLocation, organizationId: string, target: ClockTarget): Promise<AdvanceResult> {
  return withStorage(location, { create: false }, async (storage) => {
    await liveOrganization(storage, organizationId);
    const { service } = await openTestClocks(storage);
    try {
      return await service.advance(organizationId, target);
    } catch (error) {
      // The HTTP endpoint's 422 message, as one CLI line.
      if (error instanceof ValidationFailed) throw new UsageError(error.issues.map((i) => i.msg.replace(/^Value error, /, "")).join("; "));
      throw error;
    }
  });
}

export async function readClock(location: DatabaseLocation, organizationId: string): Promise<ClockReading> {
  return withStorage(location, { create: false }, async (storage) => {
    await liveOrganization(storage, organizationId);
    return (await openTestClocks(storage)).service.read(organizationId);
  });
}

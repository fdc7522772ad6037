// The `meters` section of a seed file: Polar MeterCreate bodies (plus an
// optional seed-only `key`), validated and created as POST /v1/meters/ does.
// A non-archived meter of the organization with the entry's name is the
// entry's meter on a later run, and is left as it is.
import { systemClock } from "../../platform/clock.js";
import {
  allPages,
  onlyMatch,
  rejectOrganizationId,
  seedAccess,
  seedEntries,
  tally,
  type ModuleSeeder,
  type SeedCount,
} from "../../platform/seed.js";
import { asSeedEntry, parseEntry } from "../../platform/seed-issues.js";
import { entryKey, MatchedOnce } from "../../platform/seed-keys.js";
import { meterCreate } from "./requests.js";
import { MeterService } from "./service.js";
import type { MetersDeps } from "./index.js";

export const metersSeeder: ModuleSeeder<MetersDeps> = {
  section: "meters",
  async apply(deps, organization, value, path) {
    const service = new MeterService(deps.meters, deps, deps.clock ?? systemClock);
    const context = seedAccess(organization.id);
    const names = new MatchedOnce("name");
    const count: SeedCount = { created: 0, existing: 0 };
    for (const [index, entry] of seedEntries(value, path).entries()) {
      const at = [...path, index];
      const key = entryKey(entry, at);
      const { key: _key, ...input } = entry;
      rejectOrganizationId(input, at, "meter");
      const body = parseEntry(meterCreate, input, at);
      names.claim(body.name!, at);
      // `query` matches part of the name; the exact name is picked here.
      const sameName = await allPages((page) =>
        deps.meters.list({
          organizationIds: [organization.id],
          query: body.name!,
          isArchived: false,
          sorting: [{ field: "created_at", descending: false }],
          ...page,
        }),
      );
      const existing = onlyMatch(
        sameName.filter((m) => m.name === body.name),
        [...at, "name"],
        `meters of this organization are named "${body.name}"`,
      );
      const meter = existing ?? (await asSeedEntry(at, input, () => service.create(context, body)));
      organization.keys.define("meters", key, meter.id, at);
      tally(count, existing === undefined);
    }
    return count;
  },
};

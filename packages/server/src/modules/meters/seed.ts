// The `meters` section of a seed file: Polar MeterCreate bodies (plus an
// optional seed-only `key`), validated and created as POST /v1/meters/ does.
// A non-archived meter of the organization with the entry's name is the
// entry's meter on a later run, and is left as it is.
import { systemClock } from "../../platform/clock.js";
import { defineSeedSection, liveNamed } from "../../platform/seed-section.js";
import { meterCreate } from "./requests.js";
import { MeterService } from "./service.js";
import type { MetersDeps } from "./index.js";

export const metersSeeder = defineSeedSection({
  section: "meters",
  noun: "meter",
  keyed: true,
  service: (deps: MetersDeps) => new MeterService(deps.meters, deps, deps.clock ?? systemClock),
  schema: meterCreate,
  matchedBy: { field: "name", value: (body) => body.name! },
  findExisting: (body, { deps, organization, at }) =>
    liveNamed((query) => deps.meters.list(query), organization.id, body.name!, at, "meters"),
  create: (body, { service, context }) => service.create(context, body),
});

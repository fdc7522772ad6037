// The `/:id` path parameter and the 404 every resource documents for
// it, defined once: `byIdOf("meter")` gives `The meter ID.` and
// `Meter not found.`, the texts Polar uses.

import { ResourceNotFound } from "../errors.js";
import { pathParam } from "../schema/query.js";
import { uuid4 } from "../schema/uuid.js";

export function byIdOf(noun: string) {
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  return {
    byId: { id: pathParam(uuid4(), `The ${noun} ID.`) },
    NOT_FOUND: [ResourceNotFound, `${title} not found.`] as const,
  };
}

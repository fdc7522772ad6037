// The rules a product's set of prices must follow, checked together so every
// problem is reported at once (Polar's PolarRequestValidationError).

import { issue, type Issue } from "../../platform/schema/issues.js";
import { DEFAULT_CURRENCY, type PriceRecord } from "./model.js";
import type { PriceCreate } from "./requests.js";

/** One price of the resulting set: a new one from the body, or an existing one the body keeps. */
export interface PriceDraft {
  /** Position in the body's `prices` list (error locations). */
  index: number;
  amountType: PriceCreate["amount_type"];
  currency: string;
  taxBehavior: string | null;
  meterId: string | null;
  /** What the error's `input` shows for this item. */
  input: unknown;
}

export const draftFromCreate = (price: PriceCreate, index: number): PriceDraft => ({
  index,
  amountType: price.amount_type,
  currency: price.price_currency,
  taxBehavior: price.tax_behavior,
  meterId: price.amount_type === "metered_unit" ? price.meter_id : null,
  input: price,
});

export const draftFromExisting = (price: PriceRecord, index: number, input: unknown): PriceDraft => ({
  index,
  amountType: price.amountType,
  currency: price.priceCurrency,
  taxBehavior: price.taxBehavior,
  meterId: price.meterId,
  input,
});

const LABEL: Record<string, string> = { fixed: "fixed", seat_based: "seat-based", custom: "custom", unit_based: "unit-based" };

/**
 * Problems with a set of prices. `knownMeters` holds the meters of the
 * product's organization among those referenced (others do not exist for it).
 */
export function priceProblems(
  drafts: readonly PriceDraft[],
  recurring: boolean,
  knownMeters: ReadonlySet<string>,
  listInput: unknown,
): Issue[] {
  const problems: Issue[] = [];
  const listLevel = new Set<string>();
  for (const draft of drafts) {
    const at = ["body", "prices", draft.index];
    if (draft.amountType === "metered_unit") {
      if (!recurring) problems.push(issue("value_error", at, "Metered pricing is not supported on one-time products.", draft.input));
      else if (!knownMeters.has(draft.meterId!))
        problems.push(issue("value_error", [...at, "meter_id"], "Meter does not exist.", draft.meterId));
    }
    // Organization features this server cannot switch on.
    if (draft.amountType === "seat_based")
      problems.push(issue("value_error", at, "Seat-based pricing is not enabled for this organization.", draft.input));
    if (draft.amountType === "unit_based")
      problems.push(issue("value_error", at, "Unit-based pricing is not enabled for this organization.", draft.input));
  }

  const byCurrency = new Map<string, PriceDraft[]>();
  for (const draft of drafts) (byCurrency.get(draft.currency) ?? byCurrency.set(draft.currency, []).get(draft.currency)!).push(draft);
  const typeSets = new Set<string>();
  for (const group of byCurrency.values()) {
    const count = (type: string) => group.filter((d) => d.amountType === type).length;
    for (const type of ["fixed", "seat_based", "custom", "unit_based"])
      if (count(type) > 1) listLevel.add(`Only one ${LABEL[type]} price is allowed.`);
    if (count("seat_based") > 0 && count("unit_based") > 0) listLevel.add("A seat-based price cannot be combined with a unit-based price.");
    if (count("custom") > 0 && count("fixed") + count("seat_based") + count("unit_based") > 0) {
      listLevel.add("A custom price cannot be combined with a fixed, seat-based or unit-based price.");
    }
    const meters = new Set<string>();
    for (const draft of group) {
      if (draft.meterId === null || draft.amountType !== "metered_unit") continue;
      if (meters.has(draft.meterId))
        problems.push(
          issue("value_error", ["body", "prices", draft.index, "meter_id"], "Meter is already used for another price.", draft.meterId),
        );
      meters.add(draft.meterId);
    }
    if (new Set(group.map((d) => d.taxBehavior)).size > 1)
      listLevel.add("All prices for the same currency must have the same tax behavior.");
    typeSets.add([...new Set(group.map((d) => d.amountType))].sort().join());
  }
  if (typeSets.size > 1) listLevel.add("All price currencies must define the same set of price types.");
  if (!byCurrency.has(DEFAULT_CURRENCY)) listLevel.add("The organization's default presentment currency must be present in the prices.");
  for (const msg of listLevel) problems.push(issue("value_error", ["body", "prices"], msg, listInput));
  return problems;
}

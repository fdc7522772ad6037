// The body of a webhook: Polar's envelope, serialised once when the event is
// recorded and sent byte for byte on every attempt. Numbers are written the
// way JavaScript writes them (not Python's `1.0`), so that consumers which
// verify `JSON.stringify(JSON.parse(body))` (Polar's framework adapters) get
// the bytes that were signed.
import { JsonFloat } from "../../platform/schema/floats.js";
import { formatDateTime } from "../../platform/schema/datetime.js";

export function webhookBody(type: string, timestamp: Date, data: unknown): string {
  return JSON.stringify({ type, timestamp: formatDateTime(timestamp), data }, function (this: Record<string, unknown>, key, value) {
    // `this[key]` is the value before toJSON: a float literal kept from a request body.
    const original = this[key];
    if (original instanceof JsonFloat) return Number.isFinite(original.value) ? original.value : String(original.value);
    return value as unknown;
  });
}

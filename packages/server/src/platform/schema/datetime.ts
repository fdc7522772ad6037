/** `2025-01-02T03:04:05` plus Python's fraction: absent when zero, else six digits (we keep milliseconds). */
function isoSeconds(date: Date): string {
  const iso = date.toISOString(); // 2025-01-02T03:04:05.123Z
  const millis = iso.slice(20, 23);
  return millis === "000" ? iso.slice(0, 19) : `${iso.slice(0, 19)}.${millis}000`;
}

/**
 * Recently formatted instants: a response repeats the same few (created_at =
 * started_at = current_period_start, …) and Date#toISOString dominates
 * serialising date-heavy bodies such as customer state.
 */
const recent = new Map<number, string>();
const RECENT_MAX = 4096;

/** ISO-8601 in UTC with `Z`, as Polar's responses print datetimes. */
export function formatDateTime(date: Date): string {
  const ms = date.getTime();
  let text = recent.get(ms);
  if (text === undefined) {
    text = `${isoSeconds(date)}Z`;
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(ms, text);
  }
  return text;
}

/** Python's `datetime.isoformat()` for an aware UTC datetime (`…+00:00`), as Polar hashes and stamps it. */
export const pythonIsoFormat = (date: Date): string => `${isoSeconds(date)}+00:00`;

export const formatNullableDateTime = (date: Date | null): string | null => (date === null ? null : formatDateTime(date));

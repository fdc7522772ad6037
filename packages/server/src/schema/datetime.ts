/** ISO-8601 in UTC with `Z`, fraction printed only when non-zero and then with six digits (Python's isoformat). */
export function formatDateTime(date: Date): string {
  const iso = date.toISOString(); // 2025-01-02T03:04:05.123Z
  const millis = iso.slice(20, 23);
  return millis === "000" ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${millis}000Z`;
}

export const formatNullableDateTime = (date: Date | null): string | null => (date === null ? null : formatDateTime(date));

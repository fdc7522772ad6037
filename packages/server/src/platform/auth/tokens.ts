// Access tokens: random secrets shown once; only their SHA-256 is stored.

import { createHash, randomBytes } from "node:crypto";

export const ORGANIZATION_TOKEN_PREFIX = "polar_oat_";
export const PERSONAL_TOKEN_PREFIX = "polar_pat_";

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export const generateToken = (prefix: string): string => prefix + randomBytes(32).toString("base64url");

const DURATION = /^(\d+)\s*(s|m|h|d|w|y)$/;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, y: 365 * 86400e3 };

/** Parses `30d`, `12h`, `90m`… into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return ms > 0 && Number.isFinite(ms) ? ms : null;
}

/** The last instant an expiry may be: every backend and ISO 8601's four-digit years can represent it. */
export const LATEST_EXPIRY_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Whether a token issued at `nowMs` with this lifetime expires at a representable time (not beyond the year 9999). */
export const expiryWithinRange = (nowMs: number, durationMs: number): boolean => nowMs + durationMs <= LATEST_EXPIRY_MS;

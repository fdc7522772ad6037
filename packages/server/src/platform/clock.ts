// The time every service reads. Injected rather than read from `Date` so that
// a test clock can move one organization's time without touching the code
// that asks for it: callers that know the organization pass its id.

export interface Clock {
  /** Now, as seen by `organizationId` (its test clock, if it has one), or by the server. */
  now(organizationId?: string): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// The time every service reads. Injected rather than read from `Date` so that
// a test clock can move one organization's time without touching the code
// that asks for it.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

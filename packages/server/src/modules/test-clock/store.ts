// What the test clock needs from a database.

export interface TestClockStore {
  /** Every organization's offset from real time, in milliseconds. */
  offsets(): Promise<Map<string, number>>;
  /**
   * Sets an organization's offset, never moving it backwards: when two
   * advances race, the later time wins. Resolves with the offset now stored.
   */
  advance(organizationId: string, offsetMs: number, at: Date): Promise<number>;
  /** The time the organization's clock was last set to (real time of that advance plus its offset), or null. */
  lastTarget(organizationId: string): Promise<Date | null>;
  /** Back to real time (test resets). */
  deleteOrganizationData(organizationId: string): Promise<void>;
}

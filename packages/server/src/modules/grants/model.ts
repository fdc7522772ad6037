// A benefit grant: one row per (customer, benefit, subscription), reused when
// the benefit is granted again. Granted ⇔ granted_at set; revoked ⇔ revoked_at set.

/** What a meter_credit grant remembers of its last credit, so a revoke can take it back. */
export interface MeterCreditGrantProperties {
  last_credited_meter_id: string;
  last_credited_units: number;
  last_credited_at: string;
}

export interface GrantRecord {
  id: string;
  organizationId: string;
  customerId: string;
  benefitId: string;
  subscriptionId: string | null;
  createdAt: Date;
  modifiedAt: Date | null;
  grantedAt: Date | null;
  revokedAt: Date | null;
  properties: Record<string, unknown>;
}

/** The identity of a grant: the unique index makes a second row for it impossible. */
export interface GrantKey {
  organizationId: string;
  customerId: string;
  benefitId: string;
  subscriptionId: string;
}

/**
 * Credits and resets of a customer's meter balance. Declared here (the grants
 * are its callers) and implemented by the usage module; the composition wires
 * it. Negative `units` debit.
 */
export interface MeterLedger {
  credit(args: { organizationId: string; customerId: string; meterId: string; units: number; rollover: boolean; at: Date }): Promise<void>;
  reset(args: { organizationId: string; customerId: string; meterId: string; at: Date }): Promise<void>;
  lastReset(args: { customerId: string; meterId: string }): Promise<Date | null>;
}

// A customer meter: the row (identity and timestamps) and its numbers, which
// are always computed from the events when read (see numbers.ts).

export interface CustomerMeterRecord {
  id: string;
  organizationId: string;
  customerId: string;
  meterId: string;
  createdAt: Date;
  modifiedAt: Date | null;
}

export interface MeterNumbers {
  consumedUnits: number;
  creditedUnits: number;
  balance: number;
}

/** A row with its fresh numbers: state's `active_meters` item. */
export type CustomerMeterState = CustomerMeterRecord & MeterNumbers;

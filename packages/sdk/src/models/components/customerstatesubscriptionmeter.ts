export type CustomerStateSubscriptionMeter = {
  createdAt: Date;
  modifiedAt: Date | null;
  id: string;
  consumedUnits: number;
  creditedUnits: number;
  amount: number;
  meterId: string;
};

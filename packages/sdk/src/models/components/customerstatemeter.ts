export type CustomerStateMeter = {
  id: string;
  createdAt: Date;
  modifiedAt: Date | null;
  meterId: string;
  consumedUnits: number;
  creditedUnits: number;
  balance: number;
};

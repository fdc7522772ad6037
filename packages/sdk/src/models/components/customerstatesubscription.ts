import type { OpenEnum } from "../../types/enums.js";
import type { CustomerStateSubscriptionMeter } from "./customerstatesubscriptionmeter.js";
import type { RecurringInterval } from "./recurringinterval.js";

export type CustomerStateSubscriptionStatus = OpenEnum<"active" | "trialing">;

/** A subscription that currently counts as active (status active or trialing). */
export type CustomerStateSubscription = {
  id: string;
  createdAt: Date;
  modifiedAt: Date | null;
  /** ISO dates stay strings here: the values are whatever the custom field holds. */
  customFieldData?: { [k: string]: string | number | boolean | Date | null } | undefined;
  metadata: { [k: string]: string | number | boolean };
  status: CustomerStateSubscriptionStatus;
  amount: number;
  currency: string;
  recurringInterval: RecurringInterval;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  trialStart: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  startedAt: Date | null;
  endsAt: Date | null;
  productId: string;
  discountId: string | null;
  meters: CustomerStateSubscriptionMeter[];
};

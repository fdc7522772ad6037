import type { OpenEnum } from "../../types/enums.js";

export type RecurringInterval = OpenEnum<"day" | "week" | "month" | "year">;

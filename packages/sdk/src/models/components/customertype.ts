import type { OpenEnum } from "../../types/enums.js";

export type CustomerTypeKnown = "individual" | "team";

/** Open on input, so values added by the API later still type-check. */
export type CustomerType = OpenEnum<CustomerTypeKnown>;

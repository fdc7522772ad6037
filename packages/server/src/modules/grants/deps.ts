// Types of earlier modules the grants store speaks in.
export type { BenefitType } from "../benefits/index.js";
export type { Metadata } from "../customers/index.js";

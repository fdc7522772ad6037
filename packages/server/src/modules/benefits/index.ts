// The benefits module: Polar's /v1/benefits endpoints. Products attach
// benefits; the grants module (next) grants them to customers.
import { defineModule } from "../../platform/module.js";
import { benefitsSeeder } from "./seed.js";
import { benefitsMigrations } from "./migrations.js";
import { benefitOperations } from "./operations.js";
import { BenefitService, type BenefitsDeps } from "./service.js";
import type { BenefitStore } from "./store.js";
import { KyselyBenefitStore } from "./store-kysely.js";

export const benefitsModule = defineModule({
  name: "benefits",
  migrations: benefitsMigrations,
  store: (context): BenefitStore => new KyselyBenefitStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: BenefitsDeps) => ({ benefits: new BenefitService(deps) }),
  operations: benefitOperations,
  seed: benefitsSeeder,
});

export type {
  BenefitProperties,
  BenefitRecord,
  BenefitType,
  BenefitVisibility,
  CustomProperties,
  FeatureFlagProperties,
  MeterCreditProperties,
} from "./model.js";
export { BENEFIT_TYPES, VISIBILITY_CONFIGURABLE, creditedMeterId } from "./model.js";
export type { BenefitAttachments } from "./service.js";
export type { BenefitStore } from "./store.js";
export { benefitResponse } from "./responses.js";
export { exampleBenefit } from "./examples.js";

// The products module: Polar's /v1/products endpoints. A product carries its
// prices (fixed, custom, metered on a meter) and the benefits it grants;
// subscriptions (next) read both through ProductService.get/view.
import { defineModule } from "../../platform/module.js";
import { productsSeeder } from "./seed.js";
import { productsMigrations } from "./migrations.js";
import { productOperations } from "./operations.js";
import { ProductService, type ProductsDeps } from "./service.js";
import type { ProductStore } from "./store.js";
import { KyselyProductStore } from "./store-kysely.js";

export const productsModule = defineModule({
  name: "products",
  migrations: productsMigrations,
  store: (context): ProductStore => new KyselyProductStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: ProductsDeps) => ({ products: new ProductService(deps) }),
  operations: productOperations,
  seed: productsSeeder,
});

export type { AmountType, PriceRecord, ProductRecord, ProductVisibility, RecurringInterval, TaxBehavior } from "./model.js";
export { DEFAULT_CURRENCY } from "./model.js";
export type { ProductStore } from "./store.js";
export { ProductService } from "./service.js";
export { priceResponse, productResponse, type PriceView, type ProductView } from "./responses.js";

// The products endpoints, each defined once.
import { NotPermitted } from "../../platform/errors.js";
import { resourceScopes } from "../../platform/auth/scopes.js";
import { byIdOf } from "../../platform/http/by-id.js";
import { operationsFor } from "../../platform/http/operation.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { booleanParam, enumListParam, metadataParam, textParam, uuidListParam } from "../../platform/schema/query.js";
import { PRODUCT_VISIBILITIES } from "./model.js";
import {
  exampleProduct,
  exampleProductBenefitsBody,
  exampleProductCreateBody,
  exampleProductPage,
  exampleProductUpdateBody,
  exampleProductWithBenefits,
  exampleUpdatedProduct,
} from "./examples.js";
import { productBenefitsUpdate, productCreate, productUpdate } from "./requests.js";
import { productListResponse, productResponse } from "./responses.js";
import type { ProductService } from "./service.js";
import type { ProductSortField } from "./store.js";

export interface ProductServices {
  products: ProductService;
}

const operation = operationsFor<ProductServices>();

const { read: READ, write: WRITE } = resourceScopes("products");
const { byId, NOT_FOUND } = byIdOf("product");

const productListQuery = listQuery({
  sortFields: ["created_at", "name", "price_amount_type", "price_amount"] satisfies ProductSortField[],
  defaultSorting: [{ field: "created_at", descending: true }],
  filters: {
    id: uuidListParam("Filter by product ID (repeatable)."),
    organization_id: uuidListParam("Filter by organization ID (repeatable)."),
    query: textParam("Filter by part of the product name, ignoring case."),
    is_archived: booleanParam("Filter on archived products.", undefined),
    is_recurring: booleanParam("Filter on recurring products (true) or one-time products (false).", undefined),
    benefit_id: uuidListParam("Filter products granting any of these benefits (repeatable)."),
    visibility: enumListParam(PRODUCT_VISIBILITIES, "Filter by visibility (repeatable).", "ProductVisibility"),
    metadata: metadataParam("Filter by metadata key-value pairs, e.g. `metadata[plan]=pro`."),
  },
});

export const productOperations = [
  operation({
    method: "GET",
    path: "/v1/products/",
    operationId: "products:list",
    memo: true,
    summary: "List Products",
    description: "List products.",
    scopes: READ,
    query: productListQuery,
    response: { status: 200, body: productListResponse },
    examples: { response: exampleProductPage },
    handle: async ({ access, query: { filters, sorting, limit, offset } }, { products }) => {
      const page = await products.list(access, {
        organizationIds: filters.organization_id,
        ids: filters.id,
        query: filters.query,
        isArchived: filters.is_archived,
        isRecurring: filters.is_recurring,
        benefitIds: filters.benefit_id,
        visibility: filters.visibility,
        metadata: filters.metadata,
        sorting,
        limit,
        offset,
      });
      return { ...page, limit };
    },
  }),
  operation({
    method: "POST",
    path: "/v1/products/",
    operationId: "products:create",
    summary: "Create Product",
    description: "Create a recurring or one-time product with its prices.",
    scopes: WRITE,
    body: productCreate,
    response: { status: 201, body: productResponse },
    examples: { body: exampleProductCreateBody, response: exampleProduct },
    handle: async ({ access, body }, { products }) => products.view(await products.create(access, body)),
  }),
  operation({
    method: "GET",
    path: "/v1/products/:id",
    operationId: "products:get",
    memo: true,
    summary: "Get Product",
    description: "Get a product by ID (archived products included).",
    scopes: READ,
    params: byId,
    response: { status: 200, body: productResponse },
    examples: { response: exampleProduct },
    errors: [NOT_FOUND],
    handle: async ({ access, params }, { products }) => products.view(await products.get(access, params.id)),
  }),
  operation({
    method: "PATCH",
    path: "/v1/products/:id",
    operationId: "products:update",
    summary: "Update Product",
    description: "Update a product, replace its prices, or archive it with `is_archived`.",
    scopes: WRITE,
    params: byId,
    body: productUpdate,
    response: { status: 200, body: productResponse },
    examples: { body: exampleProductUpdateBody, response: exampleUpdatedProduct },
    errors: [NOT_FOUND, NotPermitted],
    handle: async ({ access, params, body }, { products }) =>
      products.view(await products.update(access, await products.get(access, params.id), body)),
  }),
  operation({
    method: "POST",
    path: "/v1/products/:id/benefits",
    operationId: "products:update_benefits",
    summary: "Update Product Benefits",
    description: "Replace the benefits of a product; the list order is the display order.",
    scopes: WRITE,
    params: byId,
    body: productBenefitsUpdate,
    response: { status: 200, body: productResponse },
    examples: { body: exampleProductBenefitsBody, response: exampleProductWithBenefits },
    errors: [NOT_FOUND, NotPermitted],
    handle: async ({ access, params, body }, { products }) =>
      products.view(await products.setBenefits(access, await products.get(access, params.id), body.benefits ?? [])),
  }),
];

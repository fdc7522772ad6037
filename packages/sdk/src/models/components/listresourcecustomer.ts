import { array, integer, object, type Decoder } from "../../lib/schema.js";
import { decodeCustomer, type Customer } from "./customer.js";
import type { Pagination } from "./pagination.js";

/** One page of customers. */
export type ListResourceCustomer = { items: Customer[]; pagination: Pagination };

export const decodeListResourceCustomer: Decoder<ListResourceCustomer> = object<ListResourceCustomer>({
  items: array(decodeCustomer),
  pagination: object({ total_count: integer, max_page: integer }),
});

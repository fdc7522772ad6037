/** Sort keys for `customers.list`; a leading `-` sorts descending. */
export type CustomerSortProperty = "created_at" | "-created_at" | "email" | "-email" | "name" | "-name";

export const CUSTOMER_SORT_PROPERTIES = "created_at -created_at email -email name -name";

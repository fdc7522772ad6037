export type Pagination = { totalCount: number; maxPage: number };

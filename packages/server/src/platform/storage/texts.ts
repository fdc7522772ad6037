// Text that no row can hold. Stored text never contains U+0000 (the schema
// layer refuses it on input, and PostgreSQL cannot store it at all; it even
// fails a comparison with it), so a filter value containing one matches
// nothing and is dropped before the query: an empty list then means "no rows".

export const matchableTexts = <T extends readonly string[] | undefined>(values: T): T =>
  (values === undefined ? values : values.filter((text) => !text.includes("\u0000"))) as T;

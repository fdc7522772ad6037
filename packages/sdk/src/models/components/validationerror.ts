import { array, nullish, object, record, string, unknown, type Decoder } from "../../lib/schema.js";

/** One problem reported in a 422 body. */
export type ValidationError = {
  loc: Array<string | number>;
  msg: string;
  type: string;
  input?: any;
  ctx?: { [k: string]: any } | undefined;
};

const locPart: Decoder<string | number> = (v) => (typeof v === "number" ? v : string(v));

export const decodeValidationError: Decoder<ValidationError> = object<ValidationError>({
  loc: array(locPart),
  msg: string,
  type: string,
  input: unknown,
  ctx: nullish(record(unknown)),
});

import { toWire, type Decoder } from "../../lib/schema.js";
import type { CustomerUpdate } from "./customerupdate.js";
import { updateShape } from "./customerupdate.js";

/** Like CustomerUpdate, without `externalId` and `type` (the server ignores them on this route). */
export type CustomerUpdateExternalID = Omit<CustomerUpdate, "externalId" | "type">;

export const encodeCustomerUpdateExternalID: Decoder<unknown> = toWire(updateShape);

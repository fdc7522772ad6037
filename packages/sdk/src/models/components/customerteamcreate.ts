import type { CustomerCreateCommon } from "./customerindividualcreate.js";

export type CustomerTeamCreate = CustomerCreateCommon & {
  type: "team";
  email?: string | null | undefined;
};

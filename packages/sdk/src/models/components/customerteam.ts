import type { CustomerIndividual } from "./customerindividual.js";

/** A customer that is a company or team; its email is optional. */
export type CustomerTeam = Omit<CustomerIndividual, "type" | "email"> & {
  email?: string | null | undefined;
  type: "team";
};

import type { CustomerStateIndividual } from "./customerstateindividual.js";
import type { CustomerTeam } from "./customerteam.js";

export type CustomerStateTeam = CustomerTeam & Omit<CustomerStateIndividual, keyof CustomerTeam | "email">;

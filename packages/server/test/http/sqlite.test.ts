import { httpContract } from "./contract.case.js";

httpContract({ backend: "sqlite", databaseUrl: async () => "sqlite::memory:" });

export { startServer, type RunningServer, type ServerOptions } from "./server.js";
export { buildApp } from "./http/app.js";
export { openStorage } from "./storage/open.js";
export type * from "./storage/types.js";

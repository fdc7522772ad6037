import { ClientSDK } from "./lib/sdks.js";

/**
 * The smallest client: pass it to the standalone functions in `funcs/` so bundlers keep only
 * the operations you use.
 */
export class PolarCore extends ClientSDK {}

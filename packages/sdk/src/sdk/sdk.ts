import { ClientSDK } from "../lib/sdks.js";
import { Customers } from "./customers.js";

/** The full client: `polar.customers.get(...)` and friends. */
export class Polar extends ClientSDK {
  #customers?: Customers;

  /** Created on first use and then reused; shares this client's options. */
  get customers(): Customers {
    return (this.#customers ??= new Customers(this._options));
  }
}

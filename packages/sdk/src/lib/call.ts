import { APIPromise } from "../types/async.js";
import type { Result } from "../types/fp.js";
import { send, type Operation, type RequestOptions } from "./operation.js";
import { at, fail, isObject, string, type Decoder } from "./schema.js";
import type { ClientSDK } from "./sdks.js";

/** Sends an operation and wraps the outcome for a standalone function. */
export function call<T, E>(
  client: ClientSDK,
  build: () => Operation<T>,
  input: unknown,
  options: RequestOptions | undefined,
): APIPromise<Result<T, E>> {
  return new APIPromise(send<T, E>(client, build, input, options));
}

/** Reads and checks one field of a request object (a failure becomes SDKValidationError). */
export function field<T = string>(request: unknown, key: string, decode: Decoder<T> = string as Decoder<T>): T {
  if (!isObject(request)) fail("object", request);
  return at(key, decode, request[key]);
}

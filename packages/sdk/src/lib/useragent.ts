/** Also `SDK_METADATA.userAgent`; a plain constant so bundles need not keep the whole metadata object. */
export const DEFAULT_USER_AGENT = "polar-customers-sdk/typescript 0.1.0 2026-04";

/** Only in workers; not in the DOM library. */
declare const importScripts: unknown;

/** Browsers forbid setting User-Agent, so it is only sent from servers, workers excluded. */
export function userAgent(custom: string | undefined): string | undefined {
  // A DOM means a browser page; importScripts means a web or service worker. Two typeof checks
  // per call cost less than remembering the answer (typeof is safe on undeclared globals).
  return typeof document === "object" || typeof importScripts === "function" ? undefined : custom || DEFAULT_USER_AGENT;
}

/** Also `SDK_METADATA.userAgent`; a plain constant so bundles need not keep the whole metadata object. */
export const DEFAULT_USER_AGENT = "polar-customers-sdk/typescript 0.1.0 2026-04";

let browserLike: boolean | undefined;

/** Browsers forbid setting User-Agent, so it is only sent from servers, workers excluded. */
export function userAgent(custom: string | undefined): string | undefined {
  if (browserLike === undefined) {
    const g = globalThis as any;
    // A DOM means a browser page; importScripts means a web or service worker.
    browserLike = typeof g.document === "object" || typeof g.importScripts === "function";
  }
  return browserLike ? undefined : custom || DEFAULT_USER_AGENT;
}

import { SDK_METADATA } from "./config.js";

let browserLike: boolean | undefined;

/** Browsers forbid setting User-Agent, so it is only sent from servers, workers excluded. */
export function userAgent(custom: string | undefined): string | undefined {
  if (browserLike === undefined) {
    const g = globalThis as any;
    // A DOM means a browser page; importScripts means a web or service worker.
    browserLike = typeof g.document === "object" || typeof g.importScripts === "function";
  }
  return browserLike ? undefined : custom || SDK_METADATA.userAgent;
}

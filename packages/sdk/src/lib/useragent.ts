import { SDK_METADATA } from "./config.js";

let browserLike: boolean | undefined;

/** Browsers forbid setting User-Agent, so it is only sent from servers, workers excluded. */
export function userAgent(custom: string | undefined): string | undefined {
  if (browserLike === undefined) {
    const g = globalThis as any;
    browserLike =
      typeof g.window === "object" && !!g.window?.document ||
      typeof g.importScripts === "function" ||
      (typeof g.ServiceWorkerGlobalScope === "function" && g instanceof g.ServiceWorkerGlobalScope);
  }
  return browserLike ? undefined : custom || SDK_METADATA.userAgent;
}

// Bundle size of the smallest program that makes one `get` call, per SDK and entry style, and of
// one that checks a webhook delivery.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

export type BundleCase = { name: string; source: string };

export const bundleCases: BundleCase[] = [
  {
    name: "ours: PolarCore + customersGet",
    source: `import { PolarCore } from "@polar-customers/sdk/core.js";
import { customersGet } from "@polar-customers/sdk/funcs/customersGet.js";
export default () => customersGet(new PolarCore({ accessToken: "t" }), { id: "x" });`,
  },
  {
    name: "0.49.0: PolarCore + customersGet",
    source: `import { PolarCore } from "polar-sdk-049/core.js";
import { customersGet } from "polar-sdk-049/funcs/customersGet.js";
export default () => customersGet(new PolarCore({ accessToken: "t" }), { id: "x" });`,
  },
  {
    name: "1.0.1: createPolarCore + getCustomers",
    source: `import { createPolarCore } from "polar-sdk-101/2026-04";
import { getCustomers } from "polar-sdk-101/2026-04/services/customers";
export default () => getCustomers(createPolarCore({ accessToken: "t" }))("x");`,
  },
  {
    name: "ours: Polar + customers.get",
    source: `import { Polar } from "@polar-customers/sdk";
export default () => new Polar({ accessToken: "t" }).customers.get({ id: "x" });`,
  },
  {
    name: "0.49.0: Polar + customers.get",
    source: `import { Polar } from "polar-sdk-049";
export default () => new Polar({ accessToken: "t" }).customers.get({ id: "x" });`,
  },
  {
    name: "1.0.1: createPolar + customers.get",
    source: `import { createPolar } from "polar-sdk-101/2026-04";
export default () => createPolar({ accessToken: "t" }).customers.get("x");`,
  },
  {
    name: "ours: validateEvent (webhooks)",
    source: `import { validateEvent } from "@polar-customers/sdk/webhooks";
export default (body, headers) => validateEvent(body, headers, "whsec_x");`,
  },
  {
    name: "0.49.0: validateEvent (webhooks)",
    source: `import { validateEvent } from "polar-sdk-049/webhooks.js";
export default (body, headers) => validateEvent(body, headers, "whsec_x");`,
  },
];

/** Minified ESM bundle for browsers (fetch only), gzip level 9; sizes in bytes. */
export async function bundleSize(source: string, resolveDir: string): Promise<{ raw: number; gzip: number }> {
  const code = await bundle(source, resolveDir);
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** The minified ESM bundle of `source` for browsers (fetch only). */
export async function bundle(source: string, resolveDir: string): Promise<Uint8Array> {
  const out = await build({
    stdin: { contents: source, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0]!.contents;
}

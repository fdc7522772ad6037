// What a bundler keeps from the package: the webhooks entry must cost nothing to programs that
// only make API calls, and must carry its own code when imported.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { bundle, bundleCases } from "../bench/bundle.js";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
// Text only the webhook code contains: a header name, an error message, and the SHA-256 constants' source.
const WEBHOOK_MARKERS = ["webhook-signature", "Message timestamp too old", "Math.cbrt", "Failed to parse event"];

async function bundledText(name: string): Promise<string> {
  const found = bundleCases.find((c) => c.name === name);
  assert.ok(found, `bench case ${name}`);
  return new TextDecoder().decode(await bundle(found.source, pkgDir));
}

test("bundles of Polar or PolarCore with customers.get hold no webhook code", async () => {
  for (const name of ["ours: PolarCore + customersGet", "ours: Polar + customers.get"]) {
    const code = await bundledText(name);
    for (const marker of WEBHOOK_MARKERS) assert.equal(code.includes(marker), false, `${name} contains ${marker}`);
  }
});

test("a bundle that imports validateEvent carries the verification and decoding code", async () => {
  const code = await bundledText("ours: validateEvent (webhooks)");
  for (const marker of WEBHOOK_MARKERS) assert.ok(code.includes(marker), marker);
});

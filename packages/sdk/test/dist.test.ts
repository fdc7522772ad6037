// The built package as users import it: the Node bundle of the root must share the error classes,
// HTTPClient and the environment with the per-file subpaths (one class per error, whatever the path).
import assert from "node:assert/strict";
import { test } from "node:test";

test("the bundled root and the subpaths share error classes and HTTPClient", async () => {
  const root = await import("@polar-customers/sdk");
  const { SDKError } = await import("@polar-customers/sdk/models/errors/sdkerror.js");
  const { HTTPClient } = await import("@polar-customers/sdk/lib/http.js");
  assert.equal(root.HTTPClient, HTTPClient);
  const httpClient = new HTTPClient({ fetcher: async () => new Response("boom", { status: 500 }) });
  const polar = new root.Polar({ httpClient, serverURL: "http://api.test" });
  await assert.rejects(polar.customers.get({ id: "x" }), SDKError);
});

test("the root exports the same names from the Node bundle and the per-file build", async () => {
  const bundled = await import("@polar-customers/sdk");
  const perFile = await import("@polar-customers/sdk/index.js");
  assert.deepEqual(Object.keys(bundled).sort(), Object.keys(perFile).sort());
});

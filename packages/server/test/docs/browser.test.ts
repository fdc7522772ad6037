// The API reference as a person uses it: /docs in a real headless Chromium
// (Debian's /usr/bin/chromium driven by playwright-core) against a real
// server. It renders every operation, works with nothing but this server
// (every request the page makes goes to it), and its "try it" client sends an
// authenticated request whose answer it shows.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser } from "playwright-core";
import { TestServer } from "../support/server.js";

const CHROMIUM = process.env.POLAR_TEST_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOT_DIR = process.env.POLAR_TEST_SCREENSHOTS ?? "/tmp";

describe("API reference in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    // A missing browser fails the suite: CI installs Debian's chromium (.ci/run).
    assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set POLAR_TEST_CHROMIUM)`);
    server = await TestServer.start("sqlite::memory:");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders every operation, loads nothing from elsewhere, and 'try it' with a token gets a 200", async () => {
    const customer = await server.createCustomer({ name: "Ada Lovelace" });
    const document = (await server.request("GET", "/openapi.json", { token: null })).body;
    const summaries = Object.values(document.paths as Record<string, Record<string, { summary: string }>>).flatMap((methods) =>
      Object.values(methods).map((op) => op.summary),
    );
    assert.ok(summaries.length >= 10, `every module's operations are documented (${summaries.length})`);
    assert.equal(
      new Set(summaries).size,
      summaries.length,
      "summaries are distinct, so each one found on the page is a different operation",
    );

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    // `/` is where a developer lands first.
    await page.goto(`${server.url}/`);
    assert.equal(new URL(page.url()).pathname, "/docs");
    await page.getByText("List Customers", { exact: true }).first().waitFor({ timeout: 60_000 });
    for (const summary of summaries) {
      assert.ok((await page.getByText(summary, { exact: true }).count()) > 0, `the page shows "${summary}"`);
    }
    await page.getByText("Authentication", { exact: true }).first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/polar-docs.png` });

    await page.getByPlaceholder("Token").first().fill(server.org.token);
    await page.getByText("List Customers", { exact: true }).first().click();
    await page
      .getByRole("button", { name: /Test Request/ })
      .first()
      .click();
    const send = page.getByRole("button", { name: /^Send get request/ });
    await send.waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/v1/customers/" && r.request().method() === "GET", { timeout: 30_000 }),
      send.click(),
    ]);
    assert.equal(response.status(), 200);
    assert.equal(response.request().headers().authorization, `Bearer ${server.org.token}`);
    assert.equal(new URL(response.url()).origin, server.url, "sent to this server, not through a proxy");
    // The client shows the answer: the status and the customer in the body.
    await page.getByText("200", { exact: true }).first().waitFor();
    await page.getByText(customer.id).first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/polar-docs-try-it.png` });

    const elsewhere = requested.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith("data:") && !url.startsWith("blob:"));
    assert.deepEqual(elsewhere, [], "every request goes to this server");
    assert.deepEqual(errors, []);
    await page.close();
  });
});

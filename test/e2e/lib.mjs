// Shared helpers of the end-to-end tests (run against the portal that scripts/e2e.sh starts).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const BACKEND = 'http://localhost:7007';
export const FRONTEND = 'http://localhost:3000';
export const OUTPUT = process.env.SHIPSHAPE_E2E_OUTPUT ?? 'test-results/e2e';

export async function guestToken() {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert.equal(response.status, 200, 'guest sign-in');
  const body = await response.json();
  return body.backstageIdentity.token;
}

/** GET a catalog API path as the guest. */
export async function catalogGet(token, apiPath) {
  const response = await fetch(`${BACKEND}/api/catalog${apiPath}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200, `GET /api/catalog${apiPath}`);
  return response.json();
}

/** GET a GitOps API path with query parameters as the guest; asserts 200. */
export async function gitopsGet(token, route, query = {}) {
  const url = new URL(`${BACKEND}/api/gitops${route}`);
  for (const [key, value] of Object.entries(query)) {
    url.searchParams.set(key, value);
  }
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200, `GET ${url.pathname}${url.search}`);
  return response.json();
}

/** Retries `fn` until it stops throwing: the catalog ingests and processes asynchronously. */
export async function eventually(
  fn,
  { timeoutMs = 120_000, intervalMs = 2_000 } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  }
}

function launchChromium() {
  return chromium.launch({
    executablePath: process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Launches Chromium before the file's tests and closes it after; returns the browser's getter. */
export function useChromium() {
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());
  return () => browser;
}

/**
 * Opens `route` of the portal signed in as the guest (sign-in keeps the route: a reload would
 * sign out), runs `fn(page)`, and keeps a screenshot of failures.
 */
export async function withGuestPage(browser, route, name, fn) {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
  page.setDefaultTimeout(60_000);
  try {
    await page.goto(`${FRONTEND}${route}`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await fn(page);
  } catch (error) {
    await screenshot(page, `${name}-failure`);
    throw error;
  } finally {
    await page.close();
  }
}

export function screenshot(page, name) {
  return page.screenshot({
    path: path.join(OUTPUT, `${name}.png`),
    fullPage: true,
  });
}

/** A screenshot of one element (a card), e.g. for the README. */
export function elementScreenshot(locator, name) {
  return locator.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
}

/**
 * On storefront-web's GitOps tab: opens staging, where the demo cluster scaled it to 3 (a
 * deliberate drift), and the Deployment's diff, and waits for the changed field.
 */
export async function openStorefrontDrift(page) {
  await page.getByText('Staging').first().click();
  const resources = page.getByRole('table', { name: 'Resources' });
  await resources.getByText('OutOfSync').first().waitFor();
  await resources.locator('tr', { hasText: 'Deployment' }).first().click();
  await page.getByText('/spec/replicas').first().waitFor();
}

// Smoke test of the running demo portal: the backend APIs answer as documented, and a person can
// sign in as guest, find a demo service in the catalog and open it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND,
  catalogGet,
  eventually,
  guestToken,
  screenshot,
  useChromium,
  withGuestPage,
} from './lib.mjs';

test('the GitOps health route is open, the rest of its API is not', async () => {
  const health = await fetch(`${BACKEND}/api/gitops/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });

  const other = await fetch(`${BACKEND}/api/gitops/entities`);
  assert.equal(other.status, 401);
});

test('the catalog API lists the demo services to a guest', async () => {
  const token = await guestToken();
  const names = await eventually(async () => {
    const entities = await catalogGet(token, '/entities?filter=kind=component');
    const found = entities.map(e => e.metadata.name).sort();
    assert.ok(found.includes('checkout'), `components so far: ${found}`);
    return found;
  });
  assert.deepEqual(names, [
    'checkout',
    'inventory',
    'notifier',
    'orders',
    'payments',
    'product-catalog',
    'storefront-web',
  ]);
});

const browser = useChromium();

test('a guest finds a demo service in the catalog and opens its page', async () => {
  // The catalog is the landing page. The guest belongs to a team, so by default it would open
  // on "Owned" (and switch to it once ownership loads): ask for all components explicitly.
  // The API test above has waited for ingestion.
  const route = '/?filters%5Bkind%5D=component&filters%5Buser%5D=all';
  await withGuestPage(browser(), route, 'catalog', async page => {
    const link = page.getByRole('link', { name: 'Checkout', exact: true });
    await link.waitFor();
    await screenshot(page, 'catalog');

    await link.click();
    await page.getByRole('heading', { name: 'Checkout' }).first().waitFor();
    // The GitOps status card: one row per environment, from the reconciler.
    await page
      .getByRole('table', { name: 'Deployments' })
      .locator('tbody tr', { hasText: 'Staging' })
      .waitFor();
    await page.getByText('Baskets and the checkout flow').first().waitFor();
    await page.getByRole('link', { name: 'Payments team' }).first().waitFor();
    await screenshot(page, 'service');
    assert.match(page.url(), /\/catalog\/default\/component\/checkout/);
  });
});

// Environments in the running demo: discovered from the demo GitOps repository (a real git
// repository made by scripts/prepare-demo.sh), with their relations, their own page, and a card
// on every service's page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  catalogGet,
  eventually,
  guestToken,
  screenshot,
  useChromium,
  withGuestPage,
} from './lib.mjs';

const relationsOf = (entity, type) =>
  entity.relations
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();

test('the catalog has the demo environments with their relations', async () => {
  const token = await guestToken();
  const environments = await eventually(async () => {
    const found = await catalogGet(token, '/entities?filter=kind=environment');
    assert.deepEqual(found.map(e => e.metadata.name).sort(), [
      'dev',
      'pr-42',
      'prod',
      'staging',
    ]);
    return Object.fromEntries(found.map(e => [e.metadata.name, e]));
  });

  const staging = environments.staging;
  assert.equal(staging.spec.type, 'staging');
  assert.match(
    staging.metadata.annotations['gitops.shipshape.dev/revision'],
    /^[0-9a-f]{40}$/,
  );
  assert.deepEqual(relationsOf(staging, 'ownedBy'), [
    'group:default/team-platform',
  ]);
  assert.deepEqual(relationsOf(staging, 'runsOn'), [
    'resource:default/cluster-eu-west',
  ]);
  assert.equal(relationsOf(staging, 'hasDeployment').length, 7);
  assert.deepEqual(relationsOf(environments['pr-42'], 'hasDeployment'), [
    'component:default/checkout',
    'component:default/payments',
  ]);

  const checkout = await eventually(async () => {
    const entity = await catalogGet(
      token,
      '/entities/by-name/component/default/checkout',
    );
    assert.equal(relationsOf(entity, 'deployedTo').length, 4);
    return entity;
  });
  assert.deepEqual(relationsOf(checkout, 'deployedTo'), [
    'environment:default/dev',
    'environment:default/pr-42',
    'environment:default/prod',
    'environment:default/staging',
  ]);
  const cluster = await catalogGet(
    token,
    '/entities/by-name/resource/default/cluster-eu-west',
  );
  assert.deepEqual(relationsOf(cluster, 'hostsEnvironment'), [
    'environment:default/prod',
    'environment:default/staging',
  ]);
});

const browser = useChromium();

test('an environment page shows owner, clusters, services and the relations graph', async () => {
  await withGuestPage(
    browser(),
    '/catalog/default/environment/staging',
    'environment',
    async page => {
      await page.getByRole('heading', { name: 'Staging' }).first().waitFor();

      const clusters = page.getByRole('list', { name: 'Clusters' });
      await clusters.getByText('shop-staging').waitFor();
      assert.equal(
        await clusters.getByRole('link').first().getAttribute('href'),
        '/catalog/default/resource/cluster-eu-west',
      );
      const services = page.locator('table', { hasText: 'Manifests' });
      await services.getByRole('link', { name: 'Checkout' }).waitFor();
      assert.equal(await services.locator('tbody tr').count(), 7);
      await page.getByRole('link', { name: 'Platform team' }).first().waitFor();

      // The catalog graph draws the deployment and cluster relations with their labels.
      // (labels read "runsOn / hostsEnvironment", the second word in its own element).
      await page.getByText('runsOn', { exact: true }).first().waitFor();
      await page
        .getByText(/hostsEnvironment/)
        .first()
        .waitFor();
      await page.getByText('deployedTo', { exact: true }).first().waitFor();
      await page
        .getByText(/hasDeployment/)
        .first()
        .waitFor();
      await screenshot(page, 'environment');
    },
  );
});

test("a service page lists the service's environments", async () => {
  await withGuestPage(
    browser(),
    '/catalog/default/component/checkout',
    'service-environments',
    async page => {
      // The Environments card (the GitOps status card is a table of environments too).
      const card = page.locator('table:not([aria-label="Deployments"])', {
        hasText: 'Clusters',
      });
      await card.getByRole('link', { name: 'Preview of PR 42' }).waitFor();
      const hrefs = await card
        .locator('tbody tr td:first-child a')
        .evaluateAll(links => links.map(a => a.getAttribute('href')));
      assert.deepEqual(hrefs, [
        '/catalog/default/environment/dev',
        '/catalog/default/environment/staging',
        '/catalog/default/environment/prod',
        '/catalog/default/environment/pr-42',
      ]);
      await screenshot(page, 'service-environments');
    },
  );
});

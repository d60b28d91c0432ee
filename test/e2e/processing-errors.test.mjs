// An invalid environment committed to the demo GitOps repository shows as a processing error in
// the portal, and the other environments stay as they were. Backstage only stitches entities that
// were processed successfully once, so a never-valid one is listed (with its errors) by the
// unprocessed-entities module as pending; one that was valid before keeps its last good version,
// with the error shown on its page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BACKEND,
  catalogGet,
  eventually,
  guestToken,
  screenshot,
  useChromium,
  withGuestPage,
} from './lib.mjs';

const demoRepo = fileURLToPath(
  new URL('../../.demo/gitops-repo', import.meta.url),
);
const git = (...args) =>
  execFileSync('git', ['-C', demoRepo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@shipshape.invalid',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@shipshape.invalid',
    },
  });

const browser = useChromium();
let before_commit;
before(async () => {
  before_commit = git('rev-parse', 'HEAD').trim();
  const dir = path.join(demoRepo, 'environments', 'broken-e2e');
  fs.mkdirSync(dir, { recursive: true });
  // No owner, and a namespace that is not a DNS-1123 label.
  fs.writeFileSync(
    path.join(dir, 'environment.yaml'),
    `apiVersion: gitops.shipshape.dev/v1alpha1
kind: Environment
metadata:
  name: broken-e2e
spec:
  type: staging
  clusters:
    - cluster: resource:default/cluster-eu-west
      namespace: Not_A_Label
`,
  );
  git('add', '-A');
  git('commit', '--quiet', '-m', 'e2e: an invalid environment');
});
after(async () => {
  git('reset', '--quiet', '--hard', before_commit);
});

test('the catalog reports the invalid environment, naming its fields', async () => {
  const token = await guestToken();
  const pending = await eventually(async () => {
    const response = await fetch(
      `${BACKEND}/api/catalog/entities/unprocessed/pending`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    assert.equal(response.status, 200);
    const { entities } = await response.json();
    // (Matched on the entity itself: this Backstage version returns entity_ref as null here.)
    const entity = entities.find(
      e =>
        e.unprocessed_entity.kind === 'Environment' &&
        e.unprocessed_entity.metadata.name === 'broken-e2e',
    );
    assert.ok(entity?.errors?.length, 'broken-e2e is listed with its errors');
    return entity;
  });
  const messages = pending.errors.map(e => e.message).join('\n');
  assert.match(messages, /spec\.owner: Required/);
  assert.match(messages, /spec\.clusters\[0\]\.namespace: 'Not_A_Label'/);

  // Nothing else is affected.
  await eventually(async () => {
    const environments = await catalogGet(
      token,
      '/entities?filter=kind=environment',
    );
    assert.deepEqual(environments.map(e => e.metadata.name).sort(), [
      'dev',
      'pr-42',
      'prod',
      'staging',
    ]);
  });
});

test('the Unprocessed Entities page shows the error', async () => {
  await withGuestPage(
    browser(),
    '/catalog-unprocessed-entities',
    'processing-error',
    async page => {
      await page.getByRole('tab', { name: 'Pending' }).click();
      const row = page.getByRole('row').filter({ hasText: 'Environment' });
      await row
        .getByRole('button', { name: /Show raw entity definition/ })
        .click();
      await page
        .getByText(/spec\.owner: Required/)
        .first()
        .waitFor();
      await screenshot(page, 'processing-error');
    },
  );
});

import { mockServices } from '@backstage/backend-test-utils';
import { TestGitRepository } from '../__testUtils__/TestGitRepository';
import { DesiredStateReader } from './DesiredStateReader';

const deploymentYaml = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: shop/${name}:1.0.0 }] }
`;

describe('DesiredStateReader', () => {
  let repo: TestGitRepository;
  let reader: DesiredStateReader;

  beforeEach(() => {
    repo = TestGitRepository.create();
    reader = DesiredStateReader.create({
      source: { url: repo.path, branch: 'main', root: 'environments' },
      cacheDirectory: repo.cacheDirectory,
      logger: mockServices.logger.mock(),
    });
  });
  afterEach(() => {
    reader.close();
    repo.cleanup();
  });

  it('reads one deployment per component and cluster, namespaces filled in', async () => {
    repo
      .writeEnvironment('staging', [
        { cluster: 'resource:default/cluster-a', namespace: 'shop-a' },
        // A bare name, as the catalog accepts it: the Resource in the default namespace.
        { cluster: 'Cluster-B', namespace: 'shop-b' },
      ])
      .write(
        'environments/staging/checkout/deployment.yaml',
        deploymentYaml('checkout', 2),
      )
      .write(
        'environments/staging/checkout/config.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: checkout }\ndata: { A: "1" }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: extra }\n',
      )
      .write('environments/staging/README.md', 'not a component');
    const sha = repo.commit();

    const snapshot = await reader.refresh();
    expect(snapshot?.revision).toBe(sha);
    expect(snapshot?.errors).toEqual([]);
    const deployments = snapshot!.deployments;
    expect(
      deployments.map(d => [
        d.entityRef,
        d.environmentRef,
        d.clusterRef,
        d.namespace,
      ]),
    ).toEqual([
      [
        'component:default/checkout',
        'environment:default/staging',
        'resource:default/cluster-a',
        'shop-a',
      ],
      [
        'component:default/checkout',
        'environment:default/staging',
        'resource:default/cluster-b',
        'shop-b',
      ],
    ]);
    expect([...deployments[1].objects.keys()]).toEqual([
      '/ConfigMap/shop-b/checkout',
      '/Namespace//extra',
      'apps/Deployment/shop-b/checkout',
    ]);
    expect(
      deployments[1].objects.get('apps/Deployment/shop-b/checkout')?.metadata
        .namespace,
    ).toBe('shop-b');
  });

  it('returns undefined when the commit did not change, and only changed fingerprints after a commit', async () => {
    repo
      .writeEnvironment('dev', [
        { cluster: 'resource:default/c', namespace: 'dev' },
      ])
      .write(
        'environments/dev/checkout/deployment.yaml',
        deploymentYaml('checkout', 1),
      )
      .write(
        'environments/dev/payments/deployment.yaml',
        deploymentYaml('payments', 1),
      );
    repo.commit();
    const first = await reader.refresh();
    expect(await reader.refresh()).toBeUndefined();

    repo.write(
      'environments/dev/payments/deployment.yaml',
      deploymentYaml('payments', 4),
    );
    repo.commit();
    const second = await reader.refresh();
    const fingerprints = (s: typeof first) =>
      Object.fromEntries(
        s!.deployments.map(d => [d.componentName, d.fingerprint]),
      );
    expect(fingerprints(second).checkout).toBe(fingerprints(first).checkout);
    expect(fingerprints(second).payments).not.toBe(
      fingerprints(first).payments,
    );
    expect(
      second!.deployments
        .find(d => d.componentName === 'payments')!
        .objects.get('apps/Deployment/dev/payments')?.spec.replicas,
    ).toBe(4);
  });

  it('keeps the readable manifests of a component and reports the broken ones', async () => {
    repo
      .writeEnvironment('dev', [
        { cluster: 'resource:default/c', namespace: 'dev' },
      ])
      .write(
        'environments/dev/checkout/deployment.yaml',
        deploymentYaml('checkout', 1),
      )
      .write('environments/dev/checkout/broken.yaml', 'kind: [unclosed\n')
      .write(
        'environments/dev/checkout/twice.yaml',
        deploymentYaml('checkout', 3),
      );
    repo.commit();
    const [deployment] = (await reader.refresh())!.deployments;
    expect(deployment.objects.size).toBe(1);
    expect(deployment.errors.join('\n')).toMatch(/broken\.yaml/);
    expect(deployment.errors.join('\n')).toMatch(
      /apps\/Deployment\/dev\/checkout is declared twice/,
    );
  });

  it('skips an environment whose environment.yaml is broken, and keeps the others', async () => {
    repo
      .write(
        'environments/bad/environment.yaml',
        'kind: Environment\nspec: [\n',
      )
      .write(
        'environments/bad/checkout/deployment.yaml',
        deploymentYaml('checkout', 1),
      )
      .writeEnvironment('dev', [
        { cluster: 'resource:default/c', namespace: 'dev' },
      ])
      .write(
        'environments/dev/checkout/deployment.yaml',
        deploymentYaml('checkout', 1),
      );
    repo.commit();
    const snapshot = await reader.refresh();
    expect(snapshot!.deployments.map(d => d.environmentRef)).toEqual([
      'environment:default/dev',
    ]);
    expect(snapshot!.errors).toEqual([
      "environments/bad/environment.yaml is not one valid Environment (environment 'bad' is skipped)",
    ]);
  });

  it('throws a clear error when the repository cannot be fetched', async () => {
    const missing = DesiredStateReader.create({
      source: {
        url: `${repo.path}-missing`,
        branch: 'main',
        root: 'environments',
      },
      cacheDirectory: repo.cacheDirectory,
      logger: mockServices.logger.mock(),
    });
    await expect(missing.refresh()).rejects.toThrow(
      /Could not fetch branch 'main'/,
    );
  });
});

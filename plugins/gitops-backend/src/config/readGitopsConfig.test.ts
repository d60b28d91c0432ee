import { ConfigReader } from '@backstage/config';
import { clusterRef, readGitopsConfig } from './readGitopsConfig';

describe('clusterRef', () => {
  it('spells a cluster the way the catalog reads it', () => {
    expect(clusterRef('cluster-dev')).toBe('resource:default/cluster-dev');
    expect(clusterRef('default/Cluster-Dev')).toBe(
      'resource:default/cluster-dev',
    );
    expect(clusterRef('resource:ops/eu-west')).toBe('resource:ops/eu-west');
  });
});

describe('readGitopsConfig', () => {
  it('reads clusters, falling back to the Kubernetes plugin config', () => {
    const kubernetes = {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'eu-west', url: 'https://k8s', serviceAccountToken: 't' },
            ],
          },
        ],
      },
    };
    expect(readGitopsConfig(new ConfigReader(kubernetes)).clusters).toEqual([
      {
        name: 'resource:default/eu-west',
        url: 'https://k8s',
        token: 't',
        caData: undefined,
        caFile: undefined,
        skipTLSVerify: false,
      },
    ]);
    const own = readGitopsConfig(
      new ConfigReader({
        ...kubernetes,
        gitops: {
          clusters: [{ name: 'resource:default/dev', url: 'https://dev' }],
        },
      }),
    );
    expect(own.clusters.map(c => c.name)).toEqual(['resource:default/dev']);
  });

  it('refuses a cluster listed twice or named with a malformed ref, naming it', () => {
    const read = (clusters: object[]) =>
      readGitopsConfig(new ConfigReader({ gitops: { clusters } }));
    expect(() =>
      read([
        { name: 'dev', url: 'https://a' },
        { name: 'resource:default/dev', url: 'https://b' },
      ]),
    ).toThrow(
      "gitops.clusters: cluster 'resource:default/dev' is listed twice",
    );
    expect(() =>
      read([{ name: 'resource:default/', url: 'https://a' }]),
    ).toThrow(
      /^gitops.clusters: 'resource:default\/' is not a cluster name or entity ref/,
    );
  });

  it('has defaults for every reconciler setting', () => {
    expect(readGitopsConfig(new ConfigReader({})).reconciler).toMatchObject({
      gitPollIntervalMs: 30_000,
      resyncIntervalMs: 180_000,
      debounceMs: 100,
      notificationsEnabled: true,
      notificationGracePeriodMs: 300_000,
    });
  });
});

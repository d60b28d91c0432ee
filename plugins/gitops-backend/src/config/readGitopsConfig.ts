import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { IgnoreRules } from '@shipshape/plugin-gitops-node';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { ClusterConnectionConfig } from '../live';

/** The GitOps repository the reconciler reads desired state from. */
export interface GitopsSourceConfig {
  url: string;
  branch: string;
  root: string;
}

/** How the reconciler runs; every duration in milliseconds. */
export interface ReconcilerConfig {
  /** How often Git is fetched when no webhook says it changed. */
  gitPollIntervalMs: number;
  /** Full re-comparison of everything, even without events. */
  resyncIntervalMs: number;
  /** Live changes are batched for this long before a reconcile. */
  debounceMs: number;
  /** How long one replica holds the reconciler lease before it is offered again. */
  leaseDurationMs: number;
  /** A watch that delivers nothing for this long is restarted. */
  watchdogMs: number;
  /** How long a cluster may fail before its deployments turn Unknown. */
  unreachableAfterMs: number;
  /** A deployment must stay OutOfSync or Degraded this long before its owners are notified. */
  notificationGracePeriodMs: number;
  /** Whether owners are notified at all. */
  notificationsEnabled: boolean;
  /** History older than this is deleted. */
  historyRetentionMs: number;
  ignoreDifferences: IgnoreRules;
}

export interface GitopsConfig {
  source?: GitopsSourceConfig;
  clusters: ClusterConnectionConfig[];
  reconciler: ReconcilerConfig;
}

const DEFAULTS = {
  gitPollInterval: { seconds: 30 },
  resyncInterval: { minutes: 3 },
  debounce: { milliseconds: 100 },
  leaseDuration: { minutes: 1 },
  watchdog: { minutes: 5 },
  unreachableAfter: { seconds: 30 },
  gracePeriod: { minutes: 5 },
  historyRetention: { days: 30 },
} satisfies Record<string, HumanDuration>;

/** Reads `gitops.*` (and the `kubernetes` plugin's config clusters when gitops.clusters is absent). */
export function readGitopsConfig(config: Config): GitopsConfig {
  const repository = config.getOptionalConfig('gitops.repository');
  const source = repository && {
    url: repository.getString('url'),
    branch: repository.getOptionalString('branch') ?? 'main',
    root: repository.getOptionalString('root') ?? 'environments',
  };
  const reconciler = config.getOptionalConfig('gitops.reconciler');
  const duration = (key: keyof typeof DEFAULTS) =>
    durationToMilliseconds(
      reconciler?.has(key)
        ? readDurationFromConfig(reconciler, { key })
        : DEFAULTS[key],
    );
  const notifications = reconciler?.getOptionalConfig('notifications');
  return {
    source,
    clusters: readClusters(config),
    reconciler: {
      gitPollIntervalMs: duration('gitPollInterval'),
      resyncIntervalMs: duration('resyncInterval'),
      debounceMs: duration('debounce'),
      leaseDurationMs: duration('leaseDuration'),
      watchdogMs: duration('watchdog'),
      unreachableAfterMs: duration('unreachableAfter'),
      notificationGracePeriodMs: notifications?.has('gracePeriod')
        ? durationToMilliseconds(
            readDurationFromConfig(notifications, { key: 'gracePeriod' }),
          )
        : durationToMilliseconds(DEFAULTS.gracePeriod),
      notificationsEnabled:
        notifications?.getOptionalBoolean('enabled') ?? true,
      historyRetentionMs: duration('historyRetention'),
      ignoreDifferences: {
        pointers:
          config.getOptionalStringArray(
            'gitops.ignoreDifferences.jsonPointers',
          ) ?? [],
        managers:
          config.getOptionalStringArray(
            'gitops.ignoreDifferences.managedFieldsManagers',
          ) ?? [],
      },
    },
  };
}

function readClusters(config: Config): ClusterConnectionConfig[] {
  const own = config.getOptionalConfigArray('gitops.clusters');
  const fromKubernetesPlugin = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? []);
  const seen = new Set<string>();
  return [...(own ?? []), ...(own ? [] : fromKubernetesPlugin)].map(cluster => {
    const configured = cluster.getString('name');
    let name: string;
    try {
      name = clusterRef(configured);
    } catch (error) {
      throw new InputError(
        `gitops.clusters: '${configured}' is not a cluster name or entity ref: ${
          (error as Error).message
        }`,
      );
    }
    if (seen.has(name)) {
      throw new InputError(
        `gitops.clusters: cluster '${name}' is listed twice`,
      );
    }
    seen.add(name);
    return {
      name,
      url: cluster.getString('url'),
      token: cluster.getOptionalString('serviceAccountToken'),
      caData: cluster.getOptionalString('caData'),
      caFile: cluster.getOptionalString('caFile'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
    };
  });
}

/**
 * The one spelling of a cluster: config and environment.yaml may name it bare (`cluster-dev`),
 * as `default/cluster-dev` or as a full ref of its Resource; the catalog reads all of them the
 * same way (kind Resource, namespace default), and so do config and the reconciler. Throws on a
 * malformed ref.
 */
export function clusterRef(name: string): string {
  return stringifyEntityRef(
    parseEntityRef(name, {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

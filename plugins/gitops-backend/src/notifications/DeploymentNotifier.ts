import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DateTime } from 'luxon';
import { GitopsStore, NotificationEpisode } from '../database/GitopsStore';

/**
 * Tells a component's owners when one of its deployments has been OutOfSync or Degraded for
 * longer than the grace period, and when it recovers. The store's episodes make this calm (a
 * problem that clears within the grace period sends nothing) and exactly-once across replicas
 * (an episode is claimed atomically before it is sent).
 */
export class DeploymentNotifier {
  static create(options: {
    store: GitopsStore;
    notifications: NotificationService;
    logger: LoggerService;
    gracePeriodMs: number;
  }): DeploymentNotifier {
    return new DeploymentNotifier(options);
  }

  private constructor(
    private readonly options: {
      store: GitopsStore;
      notifications: NotificationService;
      logger: LoggerService;
      gracePeriodMs: number;
    },
  ) {}

  /** Sends what is due; returns the number of notifications sent. */
  async check(now = new Date()): Promise<number> {
    const { store, gracePeriodMs } = this.options;
    let sent = 0;
    for (const episode of await store.listOpenEpisodes()) {
      if (episode.notifiedAt) continue;
      if (now.getTime() - Date.parse(episode.since) < gracePeriodMs) continue;
      if (
        !(await store.claimEpisodeNotification(episode, episode.problem, now))
      ) {
        continue; // another replica sent it
      }
      await this.send(episode, 'problem');
      sent += 1;
    }
    for (const episode of await store.takeRecoveredEpisodes()) {
      await this.send(episode, 'recovered');
      sent += 1;
    }
    return sent;
  }

  private async send(
    episode: NotificationEpisode,
    kind: 'problem' | 'recovered',
  ) {
    const component = parseEntityRef(episode.entityRef);
    const environment = parseEntityRef(episode.environmentRef).name;
    const cluster = parseEntityRef(episode.clusterRef).name;
    const since = DateTime.fromISO(episode.since)
      .toUTC()
      .toFormat("yyyy-LL-dd HH:mm 'UTC'");
    const outOfSync = episode.problem === 'OutOfSync';
    const title =
      kind === 'problem'
        ? `${component.name} is ${
            outOfSync ? 'out of sync with Git' : 'degraded'
          } in ${environment}`
        : `${component.name} is ${
            outOfSync ? 'back in sync with Git' : 'healthy again'
          } in ${environment}`;
    const description =
      kind === 'problem'
        ? `${component.name} in ${environment} (cluster ${cluster}) has been ${
            outOfSync ? 'out of sync with Git' : 'degraded'
          } since ${since}.`
        : `${component.name} in ${environment} (cluster ${cluster}) recovered; the problem began ${since}.`;
    try {
      await this.options.notifications.send({
        // Entity recipients reach the owners of the component.
        recipients: { type: 'entity', entityRef: episode.entityRef },
        payload: {
          title,
          description,
          link: `/catalog/${
            component.namespace
          }/${component.kind.toLocaleLowerCase('en-US')}/${
            component.name
          }/gitops`,
          severity: severityOf(kind, outOfSync),
          topic: `gitops:${episode.entityRef}:${episode.environmentRef}`,
          scope: `gitops:${episode.entityRef}:${episode.environmentRef}:${episode.clusterRef}:${episode.problem}`,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not send GitOps notification '${title}': ${error}`,
      );
    }
  }
}

function severityOf(kind: 'problem' | 'recovered', outOfSync: boolean) {
  if (kind === 'recovered') return 'low' as const;
  return outOfSync ? ('normal' as const) : ('high' as const);
}

import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** `gitops.changeRequests.*`, durations in milliseconds. */
export interface ChangeRequestsConfig {
  /** `https://<host>/<owner>/<repo>`, when pull requests are tracked. */
  repositoryUrl?: string;
  /** `<owner>/<repo>`, lower-case. */
  repository?: string;
  pollIntervalMs: number;
  healthTimeoutMs: number;
}

const DEFAULTS = {
  pollInterval: { minutes: 1 },
  healthTimeout: { minutes: 10 },
} satisfies Record<string, HumanDuration>;

export function readChangeRequestsConfig(config: Config): ChangeRequestsConfig {
  const section = config.getOptionalConfig('gitops.changeRequests');
  const duration = (key: keyof typeof DEFAULTS) =>
    durationToMilliseconds(
      section?.has(key)
        ? readDurationFromConfig(section, { key })
        : DEFAULTS[key],
    );
  const repositoryUrl = section?.getOptionalString('repository');
  let repository: string | undefined;
  if (repositoryUrl) {
    const match = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+?)(\.git)?\/?$/.exec(
      repositoryUrl,
    );
    if (!match) {
      throw new InputError(
        `gitops.changeRequests.repository must look like https://<host>/<owner>/<repo>, got '${repositoryUrl}'`,
      );
    }
    repository = `${match[1]}/${match[2]}`.toLocaleLowerCase('en-US');
  }
  return {
    repositoryUrl,
    repository,
    pollIntervalMs: duration('pollInterval'),
    healthTimeoutMs: duration('healthTimeout'),
  };
}

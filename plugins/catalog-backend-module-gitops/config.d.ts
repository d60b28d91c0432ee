import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  gitops?: {
    /**
     * The GitOps repository: `<root>/<env>/environment.yaml` holds each Environment entity,
     * `<root>/<env>/<component>/` the desired manifests of a component in that environment.
     */
    repository?: {
      /**
       * A clone URL (https://github.com/org/repo.git) or a local path to a git repository,
       * relative to the backend's working directory. Tokens for GitHub URLs come from the
       * `integrations.github` config (a GitHub App's installation token, asked for again on each
       * fetch, or a personal access token); the catalog module and the reconciler both use them.
       * Needs git 2.31 or later (the token is passed to git in its environment, never on its
       * command line or on disk).
       */
      url: string;
      /** The branch to read. Default: main. */
      branch?: string;
      /** The folder of the environments inside the repository. Default: environments. */
      root?: string;
      /** How often the catalog reads the repository. Default: every 30 seconds. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}

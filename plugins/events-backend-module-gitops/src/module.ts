import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { createGithubSignatureValidator } from './service';

/**
 * Receives GitHub webhooks at `POST /api/events/http/github` and publishes them on the topic
 * `github` once their X-Hub-Signature-256 is verified with `events.modules.gitops.githubWebhookSecret`.
 * Use it instead of the webhook ingress of `@backstage/plugin-events-backend-module-github`: keep
 * that module for its event router (which republishes `github.<event>` topics) and leave its
 * `events.modules.github.webhookSecret` unset, so that it registers no second ingress (and unsigned
 * deliveries get 401, where that ingress answers 403).
 *
 * @public
 */
export const eventsModuleGitopsGithubWebhook = createBackendModule({
  pluginId: 'events',
  moduleId: 'gitops-github-webhook',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        events: eventsExtensionPoint,
      },
      async init({ config, logger, events }) {
        const secret = config.getString(
          'events.modules.gitops.githubWebhookSecret',
        );
        events.addHttpPostIngress({
          topic: 'github',
          validator: createGithubSignatureValidator({ secret, logger }),
        });
      },
    });
  },
});

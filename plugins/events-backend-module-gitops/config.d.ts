export interface Config {
  events?: {
    modules?: {
      gitops?: {
        /**
         * The secret GitHub signs webhook deliveries with (X-Hub-Signature-256); deliveries
         * without a valid signature are rejected with 401 and logged. Leave
         * `events.modules.github.webhookSecret` unset when this module is installed: Backstage's
         * GitHub module would register a second ingress for the same topic.
         * @visibility secret
         */
        githubWebhookSecret: string;
      };
    };
  };
}

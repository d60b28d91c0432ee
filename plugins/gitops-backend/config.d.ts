import { HumanDuration } from '@backstage/types';

export interface Config {
  gitops?: {
    /**
     * Render directories of the GitOps repository that hold a kustomization.yaml with an external
     * binary. Without it, such directories are reported, not read as plain YAML.
     */
    kustomize?: {
      /** `kustomize` (run as `kustomize build <dir>`) or `kubectl` (`kubectl kustomize <dir>`), on PATH or a path. */
      command: string;
      /** Longest a render may take, in milliseconds. Default: 60000. */
      timeoutMs?: number;
    };

    /**
     * The clusters the reconciler reads live state from. When absent, the `config` cluster
     * locator entries of the Kubernetes plugin (`kubernetes.clusterLocatorMethods`) are used.
     */
    clusters?: Array<{
      /**
       * The cluster's catalog Resource (`kubernetes-cluster`), as a name (`cluster-dev`) or an
       * entity ref (`resource:default/cluster-dev`); environments name their clusters the same way.
       */
      name: string;
      /** The API server, e.g. https://127.0.0.1:6443. */
      url: string;
      /**
       * A service account token with get, list and watch on the kinds in the GitOps repository.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** The API server's CA certificate (PEM, or base64 of PEM). */
      caData?: string;
      /** A file holding the API server's CA certificate (PEM). */
      caFile?: string;
      /** Skip TLS verification (development only). */
      skipTLSVerify?: boolean;
    }>;

    /** Fields that are never drift, for every resource. Entities add their own by annotation. */
    ignoreDifferences?: {
      /** JSON pointers, e.g. /spec/replicas. */
      jsonPointers?: string[];
      /** Field managers whose fields are not drift, e.g. an HPA controller's. */
      managedFieldsManagers?: string[];
    };

    /**
     * Change requests: pull requests on the GitOps repository followed from "opened" to
     * "environment healthy" (GitHub webhooks through the events plugin, polling as fallback).
     */
    changeRequests?: {
      /**
       * The GitOps repository on GitHub, `https://<host>/<owner>/<repo>`. Its host's
       * `integrations.github` entry gives the API base URL and credentials. Without it, webhooks
       * are still followed but POST /change-requests and polling are off.
       */
      repository?: string;
      /** How often pending requests are re-read from GitHub. Default: 1 minute. */
      pollInterval?: HumanDuration | string;
      /** A merged request not healthy within this time fails. Default: 10 minutes. */
      healthTimeout?: HumanDuration | string;
    };

    /** Preview environments (`spec.type: preview`) past their `spec.expiresAt`. */
    previews?: {
      /**
       * How often expired previews are looked for; each gets one pull request on the
       * `gitops.changeRequests.repository` that removes its folder, its owners asked to review.
       * Off without that repository. Default: 10 minutes.
       */
      expiryCheckInterval?: HumanDuration | string;
    };

    /** Team views (`GET /team-summary`): everything a group owns across environments. */
    teams?: {
      /**
       * Whether a team's summary includes what its sub-groups (parentOf, transitively) own, when
       * the request does not say. Default: true.
       */
      includeSubgroups?: boolean;
      /**
       * How long the catalog's ownership and dependency relations are kept in memory between
       * reads (an older copy is still served while a fresh one loads). Default: 30 seconds.
       */
      catalogCacheTtl?: HumanDuration | string;
    };

    /** How the reconciler runs. */
    reconciler?: {
      /** How often Git is fetched when no push webhook arrives. Default: 30 seconds. */
      gitPollInterval?: HumanDuration | string;
      /** A full re-comparison of everything, even without events. Default: 3 minutes. */
      resyncInterval?: HumanDuration | string;
      /** Live changes are batched this long before a reconcile. Default: 100 milliseconds. */
      debounce?: HumanDuration | string;
      /**
       * How long one backend replica holds the reconciler before the scheduler offers it again
       * (replicas share the work through Backstage's scheduler). After a replica stops or crashes,
       * the others take over at most this long plus 15 seconds later. Default: 1 minute.
       */
      leaseDuration?: HumanDuration | string;
      /** A watch that delivers nothing (not even a bookmark) this long is restarted. Default: 5 minutes. */
      watchdog?: HumanDuration | string;
      /** A cluster failing this long turns its deployments Unknown. Default: 30 seconds. */
      unreachableAfter?: HumanDuration | string;
      /** Transitions older than this are deleted. Default: 30 days. */
      historyRetention?: HumanDuration | string;
      /** Notifications to the owning group of a component. */
      notifications?: {
        /** Default: true. */
        enabled?: boolean;
        /**
         * A deployment must stay OutOfSync or Degraded this long before its owners are told, so a
         * passing blip sends nothing. Default: 5 minutes.
         */
        gracePeriod?: HumanDuration | string;
      };
    };
  };
}

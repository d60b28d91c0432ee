/*
 * The Shipshape demo portal's backend: Backstage's core plugins plus the Shipshape family.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider, for the demo
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Lists entities whose processing failed (e.g. an invalid Environment) in the portal.
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// permissions: allow everything, for the demo
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-user-settings-backend'));

// events: GitHub webhooks arrive at POST /api/events/http/github, signature checked by Shipshape's
// events module (401 and a warning when it is missing or wrong); Backstage's GitHub module
// republishes them as github.<event> (its own webhook ingress stays off: no
// events.modules.github.webhookSecret). The reconciler fetches on github.push; change requests
// follow pull_request, pull_request_review, check_run and status.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@shipshape/plugin-events-backend-module-gitops'));

// notifications and signals
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Shipshape
backend.add(import('@shipshape/plugin-gitops-backend'));
backend.add(import('@shipshape/plugin-catalog-backend-module-gitops'));
backend.add(import('@shipshape/plugin-scaffolder-backend-module-gitops'));

backend.start();

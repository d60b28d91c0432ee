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

// events: GitHub webhooks arrive at POST /api/events/http/github (signature checked) and are
// published as github.<event>; the GitOps reconciler fetches on github.push
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));

// notifications and signals
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Shipshape
backend.add(import('@shipshape/plugin-gitops-backend'));
backend.add(import('@shipshape/plugin-catalog-backend-module-gitops'));
backend.add(import('@shipshape/plugin-scaffolder-backend-module-gitops'));

backend.start();

import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { GitopsClient } from '@shipshape/plugin-gitops-common';

/**
 * A client of the Shipshape GitOps backend that calls it with a plugin-to-plugin token on behalf
 * of `credentials` (the user who runs the template), so the backend's permissions apply.
 */
export function gitopsBackendClient(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  credentials: BackstageCredentials;
}): GitopsClient {
  return new GitopsClient({
    discoveryApi: options.discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await options.auth.getPluginRequestToken({
          onBehalfOf: options.credentials,
          targetPluginId: 'gitops',
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}

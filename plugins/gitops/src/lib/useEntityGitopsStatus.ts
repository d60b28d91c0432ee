import { useApi } from '@backstage/core-plugin-api';
import { gitopsApiRef } from '../api';
import { statusChannel, useLiveRefresh } from './useLiveRefresh';
import { useRefreshingAsync } from './useRefreshingAsync';

/**
 * An entity's GitOps status, kept fresh by polling and by the backend's signals; `tick` changes
 * on every refresh, for views below that refresh with it.
 */
export function useEntityGitopsStatus(
  entityRef: string,
  pollIntervalMs?: number,
) {
  const gitopsApi = useApi(gitopsApiRef);
  const tick = useLiveRefresh({
    channel: statusChannel(entityRef),
    intervalMs: pollIntervalMs,
  });
  const status = useRefreshingAsync(
    () => gitopsApi.getStatus({ entityRef }),
    entityRef,
    tick,
  );
  return { status, tick };
}

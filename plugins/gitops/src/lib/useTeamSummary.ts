import { useApi } from '@backstage/core-plugin-api';
import { gitopsApiRef } from '../api';
import { statusChannel, useLiveRefresh } from './useLiveRefresh';
import { useRefreshingAsync } from './useRefreshingAsync';

/**
 * A group's team summary, kept fresh like the status card: polling while the page is visible
 * and a re-load on the group's status signal.
 */
export function useTeamSummary(options: {
  groupRef: string;
  includeSubgroups?: boolean;
  pollIntervalMs?: number;
}) {
  const { groupRef, includeSubgroups, pollIntervalMs } = options;
  const gitopsApi = useApi(gitopsApiRef);
  const tick = useLiveRefresh({
    channel: statusChannel(groupRef),
    intervalMs: pollIntervalMs,
  });
  return useRefreshingAsync(
    () => gitopsApi.getTeamSummary({ groupRef, includeSubgroups }),
    JSON.stringify([groupRef, includeSubgroups]),
    tick,
  );
}

import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { toError } from '@backstage/errors';
import { DeploymentHistoryEntry } from '@shipshape/plugin-gitops-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import { gitopsApiRef } from '../../api';
import { refName } from '../../lib/deployments';
import { errorMessage, isPermissionDenied } from '../../lib/errors';
import { shortSha } from '../../lib/format';
import { useRefreshingAsync } from '../../lib/useRefreshingAsync';
import { AbsoluteTime } from '../RelativeTime';
import { StaleNotice } from '../StaleNotice';
import { LoadErrorPanel } from '../LoadErrorPanel';

/** Entries per request. */
export const HISTORY_PAGE_SIZE = 20;

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  item: {
    position: 'relative',
    padding: theme.spacing(0.5, 0, 0.5, 2),
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -5,
      top: theme.spacing(1.25),
      width: 8,
      height: 8,
      borderRadius: '50%',
      backgroundColor: theme.palette.text.secondary,
    },
  },
  cluster: {
    color: theme.palette.text.secondary,
  },
  more: {
    marginTop: theme.spacing(1),
  },
}));

/** Merges pages by id, newest first; a refreshed first page may overlap older ones. */
function mergeEntries(
  ...pages: DeploymentHistoryEntry[][]
): DeploymentHistoryEntry[] {
  const byId = new Map<string, DeploymentHistoryEntry>();
  for (const entry of pages.flat()) {
    byId.set(entry.id, entry);
  }
  return [...byId.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function describeEntry(entry: DeploymentHistoryEntry): string {
  const value = (v: string) => (entry.field === 'revision' ? shortSha(v) : v);
  return entry.from === undefined
    ? `${entry.field}: ${value(entry.to)}`
    : `${entry.field}: ${value(entry.from)} → ${value(entry.to)}`;
}

interface OlderPages {
  items: DeploymentHistoryEntry[];
  /** The last page came back short: there is nothing older. */
  exhausted: boolean;
  loading: boolean;
  error?: Error;
}

/**
 * The sync, health and revision transitions of a component in one environment, newest first,
 * with older entries loaded on demand. The newest page refreshes with `tick`.
 */
export function DeploymentHistory(props: {
  entityRef: string;
  environmentRef: string;
  tick: number;
  /** Name the cluster of each entry (when the environment has several). */
  showCluster: boolean;
}) {
  const { entityRef, environmentRef, tick, showCluster } = props;
  const classes = useStyles();
  const gitopsApi = useApi(gitopsApiRef);
  const latest = useRefreshingAsync(
    () =>
      gitopsApi.getHistory({
        entityRef,
        environmentRef,
        limit: HISTORY_PAGE_SIZE,
      }),
    JSON.stringify([entityRef, environmentRef]),
    tick,
  );
  const [older, setOlder] = useState<OlderPages>({
    items: [],
    exhausted: false,
    loading: false,
  });

  const entries = useMemo(
    () => mergeEntries(latest.value?.items ?? [], older.items),
    [latest.value, older.items],
  );
  const hasMore =
    older.items.length > 0 || older.exhausted
      ? !older.exhausted
      : (latest.value?.items.length ?? 0) >= HISTORY_PAGE_SIZE;

  const loadOlder = async () => {
    const oldest = entries[entries.length - 1];
    if (!oldest) {
      return;
    }
    setOlder(previous => ({ ...previous, loading: true, error: undefined }));
    try {
      const page = await gitopsApi.getHistory({
        entityRef,
        environmentRef,
        limit: HISTORY_PAGE_SIZE,
        before: oldest.at,
        beforeId: oldest.id,
      });
      setOlder(previous => ({
        items: [...previous.items, ...page.items],
        exhausted: page.items.length < HISTORY_PAGE_SIZE,
        loading: false,
      }));
    } catch (error) {
      setOlder(previous => ({
        ...previous,
        loading: false,
        error: toError(error) as Error,
      }));
    }
  };

  let content;
  if (latest.value) {
    content = (
      <>
        <StaleNotice error={latest.error} what="the history" />
        {entries.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No changes recorded yet.
          </Typography>
        ) : (
          <ol className={classes.list} aria-label="History">
            {entries.map(entry => (
              <li key={entry.id} className={classes.item}>
                <Typography variant="body2" component="span">
                  {describeEntry(entry)} at <AbsoluteTime value={entry.at} />
                </Typography>
                {showCluster && (
                  <Typography
                    variant="body2"
                    component="span"
                    className={classes.cluster}
                  >
                    {' '}
                    on {refName(entry.clusterRef)}
                  </Typography>
                )}
              </li>
            ))}
          </ol>
        )}
        {older.error && (
          <Typography variant="caption" color="error" role="alert">
            Could not load older entries: {errorMessage(older.error)}
          </Typography>
        )}
        {hasMore && entries.length > 0 && (
          <Button
            className={classes.more}
            size="small"
            variant="outlined"
            disabled={older.loading}
            onClick={loadOlder}
          >
            {older.loading ? 'Loading…' : 'Load older'}
          </Button>
        )}
      </>
    );
  } else if (latest.loading) {
    content = <Progress />;
  } else if (isPermissionDenied(latest.error)) {
    content = (
      <Typography variant="body1">
        You do not have permission to view this history.
      </Typography>
    );
  } else {
    content = <LoadErrorPanel what="the history" error={latest.error} />;
  }

  return (
    <InfoCard title={`History in ${refName(environmentRef)}`}>
      {content}
    </InfoCard>
  );
}

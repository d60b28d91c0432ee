import { useSignal } from '@backstage/plugin-signals-react';
import { useCallback, useEffect, useState } from 'react';

/** How often the GitOps views poll the backend unless told otherwise. */
export const DEFAULT_POLL_INTERVAL_MS = 5000;

/** The signal channel the backend publishes an entity's status changes on. */
export function statusChannel(entityRef: string): string {
  return `gitops:status:${entityRef}`;
}

/**
 * A counter that goes up every `intervalMs` while the page is visible, when the page becomes
 * visible again, and on every signal on `channel` (when the app has the signals plugin).
 * Pass it to {@link useRefreshingAsync} to re-load data. An interval of 0 disables polling.
 */
export function useLiveRefresh(options: {
  channel: string;
  intervalMs?: number;
}): number {
  const { channel, intervalMs = DEFAULT_POLL_INTERVAL_MS } = options;
  const [tick, setTick] = useState(0);
  const bump = useCallback(() => setTick(n => n + 1), []);

  useEffect(() => {
    if (!(intervalMs > 0)) {
      return undefined;
    }
    const timer = setInterval(() => {
      // Hidden tabs do not poll; they catch up when shown again.
      if (document.visibilityState !== 'hidden') {
        bump();
      }
    }, intervalMs);
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') {
        bump();
      }
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [intervalMs, bump]);

  const { lastSignal } = useSignal(channel);
  useEffect(() => {
    if (lastSignal) {
      bump();
    }
  }, [lastSignal, bump]);

  return tick;
}

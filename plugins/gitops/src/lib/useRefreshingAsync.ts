import { toError } from '@backstage/errors';
import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of {@link useRefreshingAsync}. */
export interface RefreshingAsyncState<T> {
  /** The last value loaded for the current key, kept while it is re-loaded. */
  value?: T;
  /** The error of the last load, if it failed; `value` may still hold older data. */
  error?: Error;
  /** True until the first answer (value or error) for the current key. */
  loading: boolean;
  /** Loads again now, keeping the current value meanwhile. */
  reload: () => void;
}

interface Flight {
  key: string;
  again: boolean;
}

/**
 * Loads data for `key` and loads it again whenever `tick` changes, without dropping the data
 * shown meanwhile: components keep rendering the previous value (no spinner flash, no lost
 * selection) until the new one arrives. A change of `key` starts from nothing.
 *
 * At most one request per hook is in flight; a tick during a request schedules one more
 * afterwards, so slow backends are not piled up on. Answers for an earlier key are dropped.
 */
export function useRefreshingAsync<T>(
  load: () => Promise<T>,
  key: string,
  tick: number,
): RefreshingAsyncState<T> {
  const [state, setState] = useState<{
    key: string;
    value?: T;
    error?: Error;
    settled: boolean;
  }>({ key, settled: false });
  const [reloads, setReloads] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const flight = useRef<Flight | undefined>(undefined);

  useEffect(
    () => () => {
      flight.current = undefined;
    },
    [],
  );

  useEffect(() => {
    if (flight.current?.key === key) {
      flight.current.again = true;
      return;
    }
    const current: Flight = { key, again: false };
    flight.current = current;

    const run = async () => {
      do {
        current.again = false;
        let result: { value?: T; error?: Error };
        try {
          result = { value: await loadRef.current() };
        } catch (error) {
          result = { error: toError(error) as Error };
        }
        if (flight.current !== current) {
          return; // superseded by another key, or unmounted
        }
        setState(previous => {
          const keep = previous.key === key ? previous.value : undefined;
          return {
            key,
            value: result.error ? keep : result.value,
            error: result.error,
            settled: true,
          };
        });
      } while (current.again);
      flight.current = undefined;
    };
    run();
  }, [key, tick, reloads]);

  const reload = useCallback(() => setReloads(n => n + 1), []);

  if (state.key !== key) {
    return { loading: true, reload };
  }
  return {
    value: state.value,
    error: state.error,
    loading: !state.settled,
    reload,
  };
}

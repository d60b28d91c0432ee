import { act, renderHook, waitFor } from '@testing-library/react';
import { useRefreshingAsync } from './useRefreshingAsync';

/** A load function whose calls stay pending until the test settles them. */
function controlledLoad() {
  const calls: {
    key: string;
    resolve: (value: string) => void;
    reject: (error: Error) => void;
  }[] = [];
  const loadFor = (key: string) => () =>
    new Promise<string>((resolve, reject) => {
      calls.push({ key, resolve, reject });
    });
  return { calls, loadFor };
}

describe('useRefreshingAsync', () => {
  it('keeps the value while re-loading, and keeps it on a failed re-load', async () => {
    const { calls, loadFor } = controlledLoad();
    const { result, rerender } = renderHook(
      ({ tick }) => useRefreshingAsync(loadFor('a'), 'a', tick),
      { initialProps: { tick: 0 } },
    );
    expect(result.current.loading).toBe(true);

    await act(async () => calls[0].resolve('first'));
    expect(result.current).toMatchObject({ value: 'first', loading: false });

    rerender({ tick: 1 });
    expect(calls).toHaveLength(2);
    expect(result.current).toMatchObject({ value: 'first', loading: false });

    await act(async () => calls[1].reject(new Error('down')));
    expect(result.current.value).toBe('first');
    expect(result.current.error?.message).toBe('down');

    rerender({ tick: 2 });
    await act(async () => calls[2].resolve('third'));
    expect(result.current.value).toBe('third');
    expect(result.current.error).toBeUndefined();
  });

  it('starts from nothing for a new key and drops answers for the old one', async () => {
    const { calls, loadFor } = controlledLoad();
    const { result, rerender } = renderHook(
      ({ key }) => useRefreshingAsync(loadFor(key), key, 0),
      { initialProps: { key: 'a' } },
    );
    await act(async () => calls[0].resolve('a1'));
    expect(result.current.value).toBe('a1');

    rerender({ key: 'b' });
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);
    rerender({ key: 'c' });

    await act(async () => calls[2].resolve('c1'));
    await act(async () => calls[1].resolve('b1'));
    expect(calls.map(call => call.key)).toEqual(['a', 'b', 'c']);
    expect(result.current.value).toBe('c1');
  });

  it('does not pile up requests: ticks during a request load once more afterwards', async () => {
    const { calls, loadFor } = controlledLoad();
    const { result, rerender } = renderHook(
      ({ tick }) => useRefreshingAsync(loadFor('a'), 'a', tick),
      { initialProps: { tick: 0 } },
    );
    rerender({ tick: 1 });
    rerender({ tick: 2 });
    expect(calls).toHaveLength(1);

    await act(async () => calls[0].resolve('old'));
    expect(calls).toHaveLength(2);
    await act(async () => calls[1].resolve('new'));
    expect(calls).toHaveLength(2);
    expect(result.current.value).toBe('new');
  });

  it('loads again on reload', async () => {
    const { calls, loadFor } = controlledLoad();
    const { result } = renderHook(() =>
      useRefreshingAsync(loadFor('a'), 'a', 0),
    );
    await act(async () => calls[0].resolve('first'));

    act(() => result.current.reload());
    await waitFor(() => expect(calls).toHaveLength(2));
    await act(async () => calls[1].resolve('second'));
    expect(result.current.value).toBe('second');
  });
});

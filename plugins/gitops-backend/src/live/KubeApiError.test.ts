import { KubeApiError } from './KubeApiError';

describe('KubeApiError', () => {
  it('reads a Status body and Retry-After in seconds', () => {
    const error = KubeApiError.fromResponse(
      429,
      JSON.stringify({
        kind: 'Status',
        reason: 'TooManyRequests',
        message: 'slow down',
        details: { retryAfterSeconds: 2 },
      }),
      { 'retry-after': '3' },
    );
    expect(error).toMatchObject({
      message: '429 Too Many Requests: slow down',
      statusCode: 429,
      reason: 'TooManyRequests',
      retryAfterMs: 3000,
      transient: true,
      expired: false,
    });
  });

  it('falls back to the Status retryAfterSeconds and to a plain body', () => {
    expect(
      KubeApiError.fromResponse(
        503,
        JSON.stringify({ details: { retryAfterSeconds: 2 } }),
        {},
      ).retryAfterMs,
    ).toBe(2000);
    const plain = KubeApiError.fromResponse(502, 'Bad gateway from proxy', {});
    expect(plain.message).toBe('502 Bad Gateway: Bad gateway from proxy');
    expect(plain.retryAfterMs).toBeUndefined();
  });

  it('reads a watch ERROR event', () => {
    const error = KubeApiError.fromStatus({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
      message: 'The resourceVersion for the provided watch is too old.',
    });
    expect(error.expired).toBe(true);
    expect(error.transient).toBe(false);
  });

  it('finds the socket error under undici\'s "fetch failed"', () => {
    const cause = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:6443'),
      { code: 'ECONNREFUSED' },
    );
    const error = KubeApiError.from(new TypeError('fetch failed', { cause }));
    expect(error).toMatchObject({
      kind: 'network',
      message: 'connect ECONNREFUSED 127.0.0.1:6443',
      transient: true,
    });
    const aggregate = new TypeError('fetch failed', {
      cause: new AggregateError([
        new Error('connect ECONNREFUSED ::1:6443'),
        new Error('connect ECONNREFUSED 127.0.0.1:6443'),
      ]),
    });
    expect(KubeApiError.from(aggregate).message).toBe(
      'connect ECONNREFUSED ::1:6443',
    );
  });

  it("turns client-node's watch errors and timeouts into failures", () => {
    expect(
      KubeApiError.from(Object.assign(new Error('Gone'), { statusCode: 410 })),
    ).toMatchObject({ statusCode: 410, expired: true });
    expect(
      KubeApiError.from(
        new DOMException(
          'The operation was aborted due to timeout',
          'TimeoutError',
        ),
      ),
    ).toMatchObject({ kind: 'timeout', transient: true });
  });
});

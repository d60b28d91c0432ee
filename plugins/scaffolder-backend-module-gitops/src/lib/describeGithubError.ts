import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** Why GitHub refused a call, when a retry later can succeed. */
export class GithubRateLimitError extends CustomErrorBase {
  name = 'GithubRateLimitError' as const;
}

type HttpLikeError = {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
};

/** The HTTP status of an Octokit `RequestError`, or undefined for other errors. */
export function githubStatus(error: unknown): number | undefined {
  const status = (error as HttpLikeError | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Whether GitHub answered 422 with a message containing `text` (e.g. "Reference already exists"). */
export function isGithubUnprocessable(error: unknown, text: string): boolean {
  return (
    githubStatus(error) === 422 &&
    String((error as HttpLikeError).message ?? '')
      .toLocaleLowerCase('en-US')
      .includes(text.toLocaleLowerCase('en-US'))
  );
}

/**
 * Turns a failed GitHub call into an error that says what failed and whether and when to retry:
 * primary rate limit (403 with `x-ratelimit-remaining: 0`), secondary rate limit (429 or 403 with
 * `retry-after`), server errors (5xx), missing repositories or branches, refused credentials.
 */
export function describeGithubError(
  error: unknown,
  what: string,
  now: () => Date = () => new Date(),
): Error {
  const status = githubStatus(error);
  if (status === undefined) {
    if (error instanceof CustomErrorBase) return error;
    return new ServiceUnavailableError(
      `Could not reach GitHub while ${what}: ${
        (error as Error)?.message ?? String(error)
      }. Retry when GitHub is reachable.`,
    );
  }
  const headers = (error as HttpLikeError).response?.headers ?? {};
  const header = (name: string) => {
    const value = headers[name];
    return value === undefined ? undefined : String(value);
  };
  const message = String((error as HttpLikeError).message ?? '').split('\n')[0];
  const retryAfter = Number(header('retry-after'));
  if (status === 429 || (status === 403 && Number.isFinite(retryAfter))) {
    const seconds = Number.isFinite(retryAfter) ? retryAfter : 60;
    const at = new Date(now().getTime() + seconds * 1000).toISOString();
    return new GithubRateLimitError(
      `GitHub's secondary rate limit stopped ${what} (HTTP ${status}); retry after ${seconds} seconds (${at}).`,
    );
  }
  if (status === 403 && header('x-ratelimit-remaining') === '0') {
    const reset = Number(header('x-ratelimit-reset'));
    const when = Number.isFinite(reset)
      ? `retry after ${new Date(reset * 1000).toISOString()}`
      : 'retry in an hour';
    return new GithubRateLimitError(
      `GitHub's API rate limit is exhausted, so ${what} failed (HTTP 403); ${when}.`,
    );
  }
  if (status >= 500) {
    return new ServiceUnavailableError(
      `GitHub failed while ${what} (HTTP ${status}: ${message}); this is usually temporary, retry in a few minutes.`,
    );
  }
  if (status === 404) {
    return new NotFoundError(
      `GitHub found nothing while ${what} (HTTP 404): check the repository, the branch and that the credentials can read them.`,
    );
  }
  if (status === 401 || status === 403) {
    return new NotAllowedError(
      `GitHub refused ${what} (HTTP ${status}: ${message}): check the GitHub integration's credentials and their permissions.`,
    );
  }
  if (status === 409) {
    return new ConflictError(
      `GitHub reported a conflict while ${what} (HTTP 409: ${message}).`,
    );
  }
  return new InputError(
    `GitHub rejected ${what} (HTTP ${status}: ${message}).`,
  );
}

/** Runs one GitHub call, rethrowing its failure through {@link describeGithubError}. */
export async function callGithub<T>(
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw describeGithubError(error, what);
  }
}

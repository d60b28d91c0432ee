import { ResponseError } from '@backstage/errors';

function statusCode(error: Error): number | undefined {
  // Checked by name: the error may come from another copy of @backstage/errors.
  return error.name === 'ResponseError'
    ? (error as ResponseError).statusCode
    : undefined;
}

/** Whether the backend refused the request for a missing permission (403). */
export function isPermissionDenied(error: Error | undefined): boolean {
  return (
    error !== undefined &&
    (error.name === 'NotAllowedError' || statusCode(error) === 403)
  );
}

/** Whether the backend does not know what was asked for (404). */
export function isNotFound(error: Error | undefined): boolean {
  return (
    error !== undefined &&
    (error.name === 'NotFoundError' || statusCode(error) === 404)
  );
}

/** The most useful message of an error: the server's own for failed requests. */
export function errorMessage(error: Error): string {
  if (error.name === 'ResponseError') {
    const cause = (error as ResponseError).cause;
    if (cause?.message) {
      return cause.message;
    }
  }
  return error.message;
}

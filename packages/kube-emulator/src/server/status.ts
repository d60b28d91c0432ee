/** An error the server answers with a Kubernetes `Status` body. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The `Status` object the real API server sends for errors (and for some deletes). */
export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 400 ? 'Success' : 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export const notFound = (
  resource: string,
  name: string,
  kind: string,
  group = '',
) =>
  new StatusError(404, 'NotFound', `${resource} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind,
  });

/** One entry of a 422's `errors`, as GitHub gives them. */
export interface GithubErrorDetail {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
}

const DOCS = 'https://docs.github.com/rest';

/** An error answered as GitHub does: `{ message, documentation_url, errors?, status }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Array<GithubErrorDetail | string>,
    readonly documentationUrl: string = DOCS,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      documentation_url: this.documentationUrl,
      status: String(this.status),
    };
  }
}

export const notFound = () => new HttpError(404, 'Not Found');

export const validationFailed = (
  errors?: GithubErrorDetail[],
  message = 'Validation Failed',
) => new HttpError(422, message, errors);

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RequestDetails,
  RequestValidationContext,
  RequestValidator,
} from '@backstage/plugin-events-node';
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_HEADER = 'x-hub-signature-256';
const SIGNATURE_PREFIX = 'sha256=';

/**
 * A validator for GitHub webhook deliveries: X-Hub-Signature-256 must be the HMAC-SHA256 of the
 * raw body with the shared secret. Anything else is rejected with 401 and logged (delivery id,
 * event name and reason; never the payload, which may hold private data).
 *
 * @public
 */
export function createGithubSignatureValidator(options: {
  secret: string;
  logger: LoggerService;
}): RequestValidator {
  const { secret, logger } = options;
  if (!secret) {
    throw new Error('A GitHub webhook secret must not be empty');
  }
  return async (request: RequestDetails, context: RequestValidationContext) => {
    const reason = signatureProblem(request, secret);
    if (!reason) return;
    logger.warn(
      `Rejected GitHub webhook delivery ${
        header(request, 'x-github-delivery') ?? '(no delivery id)'
      } of event ${header(request, 'x-github-event') ?? '(none)'}: ${reason}`,
    );
    context.reject({
      status: 401,
      payload: { message: `Invalid GitHub webhook delivery: ${reason}` },
    });
  };
}

function signatureProblem(
  request: RequestDetails,
  secret: string,
): string | undefined {
  const signature = header(request, SIGNATURE_HEADER);
  if (!signature) return 'the X-Hub-Signature-256 header is missing';
  if (!signature.startsWith(SIGNATURE_PREFIX)) {
    return 'the X-Hub-Signature-256 header is not a sha256 signature';
  }
  const given = Buffer.from(signature.slice(SIGNATURE_PREFIX.length), 'hex');
  const expected = createHmac('sha256', secret)
    .update(request.raw.body)
    .digest();
  // timingSafeEqual throws on a length mismatch; the length of a digest is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'the signature does not match the body';
  }
  return undefined;
}

function header(request: RequestDetails, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

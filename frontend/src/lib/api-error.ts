// One error type for every failed API call, carrying the server's problem+json (RFC 9457) so screens can show
// its Japanese `detail` and put each `errors[].message` next to its field.

import type { components } from '@/api/schema';
import { messages } from './messages';

type Problem = components['schemas']['Problem'];

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The server's message for one request field (`login_id`, `name`, …), if it named that field. */
  fieldError(field: string): string | undefined {
    return this.problem?.errors?.find((e) => e.field === field)?.message;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as { detail?: unknown }).detail === 'string';
}

/** A failed response as an ApiError; a body that is not problem+json (say, a proxy's page) gets a generic text. */
export function responseError(response: Response, body: unknown): ApiError {
  return isProblem(body)
    ? new ApiError(response.status, body, body.detail)
    : new ApiError(response.status, null, messages.errors.unexpected);
}

/** The message to show for any error a query or mutation ended with. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : messages.errors.unexpected;
}

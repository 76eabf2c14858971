// One error type for everything intercom reports to a person or a model. The message states
// what went wrong (and what is live, what was kept); the next step is data (`next`), which each
// surface renders in its own words: a tool for the model, a command for a person
// (core/next-step.ts). Render with describeError(error, surface).
import type { NextStep, Surface } from './next-step.ts';
import { withNextStep } from './next-step.ts';

export type ErrorCode =
  | 'BAD_INPUT' // the caller passed something invalid (pattern, size, empty)
  | 'NOT_FOUND' // no such message / agent / session
  | 'NOT_LIVE' // the agent exists on disk but its process is gone
  | 'AMBIGUOUS' // a name or prefix matches several agents
  | 'NO_IDENTITY' // this process is not registered as an agent
  | 'CONFLICT' // someone else holds it (a code, a claim)
  | 'STORE' // the store directory is unusable (owner, permissions, layout)
  | 'TIMEOUT'
  | 'UNSUPPORTED'
  | 'IO';

export class IntercomError extends Error {
  override readonly name = 'IntercomError';
  readonly code: ErrorCode;
  /** What to do about it, named per surface when rendered. */
  readonly next: NextStep | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; next?: NextStep }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.next = options?.next;
  }
}

export function isIntercomError(error: unknown): error is IntercomError {
  return error instanceof IntercomError;
}

/** Narrow an unknown thrown value to a Node-style errno error with the given code. */
export function hasErrno(error: unknown, ...codes: string[]): error is NodeJS.ErrnoException {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof (error as { code: unknown }).code === 'string' &&
    codes.includes((error as { code: string }).code)
  );
}

/**
 * Any thrown value as one line. With a surface, an IntercomError's next step follows in that
 * surface's words; without one (logs), the fact alone.
 */
export function describeError(error: unknown, surface?: Surface): string {
  if (error instanceof IntercomError && surface) return withNextStep(error.message, error.next, surface);
  if (error instanceof Error) return error.message;
  return String(error);
}

// One error type for everything intercom reports to a person or a model. The message is
// complete on its own (what went wrong + the next step), because the MCP SDK forwards only
// `message` and a CLI user acts on the first line.

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

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
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

/** Render any thrown value as one line for a human or a model. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export type ErrorCode =
  'VALIDATION' | 'UNAUTHENTICATED' | 'LOCKED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNKNOWN_METHOD' | 'INTERNAL';

/** What crosses a transport when a call fails: words for a person, never a stack trace. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** The input field at fault, as a dotted path, for VALIDATION errors. */
  field?: string;
}

export class ApiError extends Error implements ApiErrorBody {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.field);
  }
}

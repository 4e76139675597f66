import { message as sentence, messageText, type Message, type MessageKey, type MessageParams } from './messages';

export type ErrorCode =
  'VALIDATION' | 'UNAUTHENTICATED' | 'LOCKED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNKNOWN_METHOD' | 'INTERNAL';

/** What crosses a transport when a call fails: words for a person, never a stack trace. */
export interface ApiErrorBody {
  code: ErrorCode;
  /** In English, for logs and the command line; screens translate `key` and `params` instead. */
  message: string;
  /** The input field at fault, as a dotted path, for VALIDATION errors. */
  field?: string;
  key?: MessageKey;
  params?: MessageParams;
}

export class ApiError extends Error implements ApiErrorBody {
  readonly key: MessageKey | undefined;
  readonly params: MessageParams | undefined;

  /** What went wrong, as a sentence from the core catalogs (text the core did not write as the `text` sentence). */
  constructor(
    readonly code: ErrorCode,
    sentence: Message,
    readonly field?: string,
  ) {
    super(messageText(sentence));
    this.name = 'ApiError';
    this.key = sentence.key;
    this.params = sentence.params;
  }

  /** The sentence to translate, when the core wrote one from its catalogs. */
  get sentence(): Message | null {
    if (!this.key) return null;
    return this.params ? { key: this.key, params: this.params } : { key: this.key };
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.key !== undefined) body.key = this.key;
    if (this.params !== undefined) body.params = this.params;
    return body;
  }

  static fromBody(body: ApiErrorBody): ApiError {
    // The core's English stays the message; the key and params travel as they came (none from an older core).
    const error = new ApiError(body.code, sentence('text', { text: body.message }), body.field);
    return Object.assign(error, { key: body.key, params: body.params });
  }
}

/** Why something failed, as a sentence: the core's own when it wrote one, else the error's text as it came (a library's, in English). */
export function reasonOf(error: unknown): Message {
  if (error instanceof ApiError && error.sentence) return error.sentence;
  return sentence('text', { text: error instanceof Error ? error.message : String(error) });
}

import type { z } from 'zod';
import { api, ApiError, isMethodName, message, sentenceOf, type Api, type Envelope, type MethodDef } from '../contract';
import { isStorageError } from '../db/errors';
import type { StaffRow } from '../db/repositories/staff';
import { log } from '../log';
import { systemActor, type Actor } from './audit/service';
import { staffActor, type AuthService } from './auth/service';
import { isTemporary } from './passwords';

/** Per-connection state a transport keeps: the HTTP cookie or the Electron window's session. */
export interface CallContext {
  sessionToken: string | null;
}

export interface Call {
  ctx: CallContext;
  /** The signed-in staff member; always set for methods whose access is not `public`. */
  staff: StaffRow | null;
  actor: Actor;
}

type ResultOf<D> = D extends MethodDef<z.ZodType, infer R> ? R : never;

/** One handler per method of a slice of the contract (the whole contract by default), none missing, none extra. */
export type Handlers<Methods extends Record<string, MethodDef> = Api> = {
  [M in keyof Methods]: (input: z.output<Methods[M]['input']>, call: Call) => ResultOf<Methods[M]> | Promise<ResultOf<Methods[M]>>;
};

export type Dispatch = (ctx: CallContext, method: unknown, input: unknown) => Promise<Envelope>;

export function validationError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const sentence = issue ? sentenceOf(issue.message) : null;
  if (sentence) return new ApiError('VALIDATION', sentence, field);
  // zod's own words (a request no screen sends: every field a person fills has its sentence in the schema).
  if (!issue) return new ApiError('VALIDATION', message('request.invalid'));
  const text = field && !/[A-Z]/.test(issue.message[0] ?? '') ? `${field}: ${issue.message}` : issue.message;
  return new ApiError('VALIDATION', message('text', { text }), field);
}

const internal = (key: 'request.internal' | 'request.storage') => new ApiError('INTERNAL', message(key)).toBody();

/** All a session signed in with an admin's temporary password may do, besides the public methods: choose its own. */
const whilePasswordTemporary: ReadonlySet<string> = new Set(['account.changePassword', 'auth.lock', 'auth.touch']);

/** The one entry point every transport calls: checks the session and role, validates input, runs the handler. */
export function createDispatch(auth: AuthService, handlers: Handlers): Dispatch {
  return async (ctx, method, input) => {
    try {
      if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', message('request.unknownMethod', { method: String(method) }));
      const def = api[method];
      const current = auth.current(ctx.sessionToken);
      if (def.access !== 'public') {
        if (!current) throw new ApiError('UNAUTHENTICATED', message('request.signIn'));
        if (current.session.locked) throw new ApiError('LOCKED', message('request.locked'));
        if (isTemporary(current.staff.passwordHash) && !whilePasswordTemporary.has(method)) {
          throw new ApiError('FORBIDDEN', message('request.passwordChangeRequired'));
        }
        if (def.access === 'admin' && current.staff.role !== 'admin') {
          throw new ApiError('FORBIDDEN', message('request.adminOnly'));
        }
        auth.touch(current.session);
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const call: Call = {
        ctx,
        staff: current?.staff ?? null,
        actor: current ? staffActor(current.staff) : systemActor,
      };
      const handler = handlers[method] as (input: unknown, call: Call) => unknown;
      const result = await handler(parsed.data, call);
      return { ok: true, result: result ?? null };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toBody() };
      if (isStorageError(error)) return { ok: false, error: internal('request.storage') };
      log.error(`API call ${String(method)} failed`, error);
      return { ok: false, error: internal('request.internal') };
    }
  };
}

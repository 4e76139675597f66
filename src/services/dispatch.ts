import type { z } from 'zod';
import { api, ApiError, isMethodName, type Envelope, type MethodName, type MethodResult, type ParsedInput } from '../contract';
import { isStorageError } from '../db/errors';
import type { StaffRow } from '../db/repositories/staff';
import { log } from '../log';
import { systemActor, type Actor } from './audit';
import { staffActor, type AuthService } from './auth';

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

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>, call: Call) => MethodResult<M> | Promise<MethodResult<M>> };

export type Dispatch = (ctx: CallContext, method: unknown, input: unknown) => Promise<Envelope>;

const internalMessage =
  'Something went wrong inside Packroom. Nothing was changed. Try again; if it keeps happening, tell your IT contact (details are in the Packroom log).';

const storageMessage =
  'Packroom cannot save to its database: the disk is full or the data folder is read-only. Nothing was changed; the door keeps working. Free disk space (or ask your IT contact), then try again.';

export function validationError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue?.message ?? 'The request was not valid.';
  return new ApiError('VALIDATION', field && !/[A-Z]/.test(message[0] ?? '') ? `${field}: ${message}` : message, field);
}

/** The one entry point every transport calls: checks the session and role, validates input, runs the handler. */
export function createDispatch(auth: AuthService, handlers: Handlers): Dispatch {
  return async (ctx, method, input) => {
    try {
      if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', `Packroom has no operation called "${String(method)}".`);
      const def = api[method];
      const current = auth.current(ctx.sessionToken);
      if (def.access !== 'public') {
        if (!current) throw new ApiError('UNAUTHENTICATED', 'Please sign in to continue.');
        if (current.session.locked) throw new ApiError('LOCKED', 'The screen is locked. Enter your password to continue.');
        if (def.access === 'admin' && current.staff.role !== 'admin') {
          throw new ApiError('FORBIDDEN', 'Only an admin can do this. Ask an admin to sign in.');
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
      if (isStorageError(error)) return { ok: false, error: { code: 'INTERNAL', message: storageMessage } };
      log.error(`API call ${String(method)} failed`, error);
      return { ok: false, error: { code: 'INTERNAL', message: internalMessage } };
    }
  };
}

import type { z } from 'zod';

export type StaffRole = 'admin' | 'staff';

/**
 * Who may call a method: `public` needs no session (first-run setup, login);
 * `staff` needs any unlocked session; `admin` an unlocked admin session.
 */
export type Access = 'public' | StaffRole;

export interface MethodDef<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: I;
  readonly access: Access;
  /** Type-only: carries the result type; never set at run time. */
  readonly result?: R;
}

/** `method<Result>()({ input, access })`: declares one API method once, for every transport. */
export function method<R>() {
  return <I extends z.ZodType>(def: { input: I; access: Access }): MethodDef<I, R> => def;
}

import { z } from 'zod';
import type { ApiErrorBody } from './errors';
import { languageIds } from './languages';
import { says, type MessageKey } from './messages';

/** What every slice of the contract shares: the envelope, ids, the empty input and the field rules. */
/**
 * Messages here reach front-desk staff: say what is wrong and what to do. Each is a sentence from the core
 * catalogs (`says`), so a Spanish screen shows it in Spanish; a field's name is its key under `field`.
 */
export type KeysUnder<Prefix extends string> = MessageKey extends infer K ? (K extends `${Prefix}.${infer Name}` ? Name : never) : never;

export type Field = KeysUnder<'field'>;

/** A required text field: it has a name and its own "Enter …" sentence (Spanish needs the article). */
export type TextField = Field & KeysUnder<'validation.enter'>;

export const required = (field: Field) => says('validation.required', { field });

export const tooLong = (field: Field, max: number) => says('validation.tooLongMax', { field, max });

export const text = (field: TextField, max = 100) =>
  z
    .string({ error: required(field) })
    .trim()
    .min(1, says(`validation.enter.${field}`))
    .max(max, tooLong(field, max));

export const optionalText = (field: Field, max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(field, max))
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const empty = z.object({}).strict().default({});

export const language = z.enum(languageIds, { error: says('validation.language') });

export const id = z
  .number({ error: says('validation.id') })
  .int()
  .positive();

export const idInput = z.object({ id });

export const optionalSetting = (field: Field, max = 200) =>
  z
    .string()
    .trim()
    .max(max, says('validation.tooLong', { field }))
    .transform((v) => (v === '' ? null : v))
    .nullable();

/** Every transport carries results in this envelope, so error details survive IPC and HTTP alike. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

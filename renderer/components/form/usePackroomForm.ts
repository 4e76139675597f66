import { useForm, type FormErrors } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ApiError, sentenceOf } from '../../../src/contract';
import { errorText, i18n, sentenceText } from '../../i18n';

/** A schema's refusal in the screen's language: its catalog sentence, or ours where zod used its own (English) words. */
export const refusalText = (zodMessage: string): string => {
  const sentence = sentenceOf(zodMessage);
  return sentence ? sentenceText(sentence) : i18n.t('form.invalid');
};

interface Options<V extends Record<string, unknown>, S extends z.ZodType> {
  /** The contract's input schema for the call the form makes (`api['recipients.create'].input`). */
  schema: S;
  initialValues: V;
  /**
   * The form's values as the call takes them (a chosen recipient as its id, a picked time as ISO). Each input
   * key is named after the form field it comes from, so a refusal of it shows under that field. What is not
   * chosen yet may be left out: the schema then says what to choose.
   */
  toInput: (values: V) => Partial<z.input<S>>;
  /** A rule of the screen alone, beside the schema's (a repeated password matches), in the screen's words. */
  check?: (values: V) => Partial<Record<keyof V, string>>;
  /** Makes the call; a refusal it throws lands on its field (`ApiError.field`) or above the form. */
  onSubmit: (input: z.input<S>, values: V) => Promise<unknown>;
}

/**
 * One form helper for every screen: validates with the contract's own schema, shows every field's error at once
 * under its field in the staff member's language, re-checks a field as soon as it changes after a first try (so a
 * fixed field's error goes, a still-wrong one stays), and puts the core's refusal on the field at fault.
 */
export function usePackroomForm<V extends Record<string, unknown>, S extends z.ZodType>(options: Options<V, S>) {
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<Error | null>(null);
  const tried = useRef(false);
  // What the core said about a field stays (the schema cannot check it again) until that field changes.
  const refused = useRef<FormErrors>({});
  const resolve = zod4Resolver(options.schema, { errorPriority: 'first' });

  const form = useForm<V>({
    mode: 'controlled',
    // Cleared (or kept) below, by checking the field again, not merely because it changed.
    clearInputErrorOnChange: false,
    initialValues: options.initialValues,
    validate: (values) => {
      const found = resolve(options.toInput(values) as Record<string, unknown>);
      const errors: FormErrors = { ...refused.current };
      for (const [path, text] of Object.entries(found)) errors[path] = refusalText(String(text));
      for (const [path, text] of Object.entries(options.check?.(values) ?? {})) if (text) errors[path] ??= text as string;
      return errors;
    },
    onValuesChange: (values, previous) => {
      for (const key of Object.keys(values)) {
        if (Object.is(values[key], previous[key])) continue;
        delete refused.current[key];
        if (tried.current) form.validateField(key);
        else form.clearFieldError(key);
      }
    },
  });

  /** Shows a failed call: on its field when the core named one this form has, else above the form. */
  function fail(error: unknown): void {
    const values = form.getValues();
    if (error instanceof ApiError && error.field && (error.field in values || error.field in options.toInput(values))) {
      const text = errorText(error);
      refused.current[error.field] = text;
      form.setFieldError(error.field, text);
      setFormError(null);
      return;
    }
    setFormError(error instanceof Error ? error : new Error(String(error)));
  }

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    tried.current = true;
    form.onSubmit(async (values) => {
      setBusy(true);
      try {
        // The schema has just accepted it, so it is whole.
        await options.onSubmit(options.toInput(values) as z.input<S>, values);
        setFormError(null);
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    })(event);
  };

  /** Back to a fresh form (after logging a package, say): no errors, not yet tried. */
  function reset(values?: Partial<V>) {
    tried.current = false;
    refused.current = {};
    form.setValues({ ...options.initialValues, ...values });
    form.clearErrors();
    setFormError(null);
  }

  return { form, submit, busy, formError, fail, reset };
}

export type PackroomForm<V extends Record<string, unknown>> = ReturnType<typeof usePackroomForm<V, z.ZodType>>;

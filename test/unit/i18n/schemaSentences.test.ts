import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, languageIds, message, messageText, sentenceOf, type Message, type MethodName } from '../../../src/contract';
import { activityExportInput } from '../../../src/contract/activity';
import { carrierCodeAddInput } from '../../../src/contract/carriers';
import { id } from '../../../src/contract/common';
import { recipientCreateInput } from '../../../src/contract/recipients';
import { settingsUpdateInput } from '../../../src/contract/settings';

/**
 * Every refusal a person can cause by what they type or pick is a sentence from the core catalogs, so a
 * Spanish screen shows it in Spanish. Each method's input is fuzzed field by field with wrong values of the
 * field's own JSON type (what a form can send), read from the schema itself: a new field without sentences fails
 * here until it gets them. zod's own words remain only for inputs no person types: the fields below.
 */
const notTyped: Partial<Record<MethodName, string[]>> = {
  // Paging, filters and buttons: the screen sends values from a fixed list or from the last page.
  'recipients.search': ['status', 'limit', 'offset'],
  'recipients.setStatus': ['status'],
  'activity.list': ['limit', 'kind'],
  'activity.export': ['afterId'],
  'packages.list': ['status', 'sort', 'limit', 'offset'],
  // The screen picks how long to listen for a device.
  'devices.identify': ['seconds'],
  // The file in pieces, and the ids of uploads, previews and rows the core handed out.
  'roster.upload': ['uploadId', 'size', 'offset', 'data'],
  'roster.dryRun': ['uploadId', 'mapping', 'statusValues', 'unlink'],
  'roster.apply': ['dryRunId'],
  'roster.cancel': ['id'],
};

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
};

const garbage = ['', '   ', 'x', '!!', '99:99', '8', 'soon', '2026-13-45', 'ftp://example.com', 'name@', '1, 99', '1, 2, 3, 4, 5, 6'];

const typesOf = (schema: JsonSchema) => (schema.anyOf ?? [schema]).flatMap((branch) => [branch.type ?? []].flat());

/**
 * Wrong values a form could send for a field of this JSON type. Left out too, unless the form always sends it: a
 * switch sends true or false, a field that may be empty sends null or ''.
 */
function wrongValues(schema: JsonSchema): unknown[] {
  const types = typesOf(schema);
  const alwaysSent = types.includes('null') || (types.every((t) => t === 'boolean') && schema.const === undefined);
  const out: unknown[] = alwaysSent ? [] : [undefined];
  for (const branch of schema.anyOf ?? [schema]) {
    const types = [branch.type ?? []].flat();
    if (types.includes('string')) {
      out.push(...garbage);
      if (branch.maxLength !== undefined) out.push('a'.repeat(branch.maxLength + 1), ` ${'a'.repeat(branch.maxLength)}b`);
      if (branch.minLength !== undefined && branch.minLength > 1) out.push('a'.repeat(branch.minLength - 1));
    }
    if (types.includes('integer') || types.includes('number')) {
      out.push(-1, 0, 0.5, 1.5, 1e12);
      if (branch.minimum !== undefined) out.push(branch.minimum - 1);
      if (branch.maximum !== undefined && branch.maximum < Number.MAX_SAFE_INTEGER) out.push(branch.maximum + 1);
    }
    if (types.includes('boolean') && branch.const !== undefined) out.push(!branch.const);
    if (types.includes('array')) {
      const item = branch.items?.enum?.[0] ?? (branch.items?.type === 'string' ? 'a' : 1);
      out.push([]);
      if (branch.maxItems !== undefined) out.push(Array.from({ length: branch.maxItems + 1 }, () => item));
      if (branch.items?.enum) out.push(['not-a-choice']);
    }
  }
  return out;
}

const shapeOf = (schema: z.ZodType): Record<string, z.ZodType> => (schema instanceof z.ZodObject ? schema.shape : {});

/** An id the screen got from the core (a row, a recipient it shows): not typed by a person. */
function isId(schema: z.ZodType): boolean {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault)
    inner = inner.unwrap() as z.ZodType;
  return inner === id;
}

interface Refusal {
  where: string;
  message: string;
}

function refusals(): Refusal[] {
  const out: Refusal[] = [];
  for (const [method, def] of Object.entries(api) as [MethodName, (typeof api)[MethodName]][]) {
    const input = def.input as z.ZodType;
    const properties = (z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema> })
      .properties;
    for (const [field, schema] of Object.entries(properties ?? {})) {
      if (notTyped[method]?.includes(field) || isId(shapeOf(input)[field]!)) continue;
      for (const value of wrongValues(schema)) {
        const parsed = input.safeParse({ [field]: value });
        for (const issue of parsed.error?.issues ?? []) {
          if (issue.path[0] !== field) continue;
          out.push({ where: `${method} ${issue.path.join('.')} = ${JSON.stringify(value)?.slice(0, 30)}`, message: issue.message });
        }
      }
    }
  }
  // Checks across fields run only once each field is valid on its own.
  const across: [string, z.ZodType, unknown][] = [
    ['carrierCodes.add Other without a name', carrierCodeAddInput, { carrier: 'other', days: ['mon'], from: '08:00', until: '20:00' }],
    ['carrierCodes.add From = Until', carrierCodeAddInput, { carrier: 'ups', days: ['mon'], from: '08:00', until: '08:00' }],
    ['activity.export backwards', activityExportInput, { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }],
  ];
  for (const [where, schema, value] of across) {
    for (const issue of schema.safeParse(value).error?.issues ?? []) out.push({ where, message: issue.message });
  }
  return out;
}

/** What is wrong with a sentence in one language: not in the catalog, or a field name or parameter left unfilled. */
function flaw(sentence: Message, language: (typeof languageIds)[number]): string | null {
  const text = messageText(sentence, language);
  if (text === sentence.key || /\$t\(|\{\{|core:/.test(text)) return `${language}: ${text}`;
  const field = sentence.params?.field;
  if (field !== undefined && !text.includes(messageText({ key: `field.${field}` as Message['key'] }, language)))
    return `${language}: no field name`;
  return null;
}

describe('what the contract schemas say to staff', () => {
  const found = refusals();

  it('fuzzes enough of the contract to mean something', () => {
    expect(found.length).toBeGreaterThan(500);
    expect(new Set(found.map((r) => r.where.split(' ')[0])).size).toBeGreaterThan(30);
  });

  it('is a catalog sentence, in every language, for every field a person fills in', () => {
    const notSentences = found.filter((r) => !sentenceOf(r.message)).map((r) => `${r.where}: ${r.message}`);
    expect(notSentences).toEqual([]);
    const flaws = found.flatMap((r) => languageIds.map((language) => flaw(sentenceOf(r.message)!, language)).filter(Boolean));
    expect(flaws).toEqual([]);
  });

  it.each([
    [recipientCreateInput, { firstName: 'Ann', lastName: '', unit: '1' }, 'Enter last name.', 'Escriba los apellidos.'],
    [recipientCreateInput, { lastName: 'Lee', unit: '1' }, 'First name is required.', 'El campo «Nombre» es obligatorio.'],
    [
      recipientCreateInput,
      { firstName: 'Ann', lastName: 'Lee', unit: 'x'.repeat(21) },
      'Unit is too long (at most 20 characters).',
      'El campo «Unidad» es demasiado largo (como máximo 20 caracteres).',
    ],
    [
      settingsUpdateInput,
      { idleLockMinutes: 0 },
      // Out of range names the whole range (issue 19: an idle lock of 0 is refused with the range, not clamped).
      'Idle lock minutes must be between 1 and 240.',
      'El campo «Minutos de inactividad antes del bloqueo» debe estar entre 1 y 240.',
    ],
    [
      settingsUpdateInput,
      { doorPulseSeconds: 31 },
      'Door open time (seconds) must be between 1 and 30.',
      'El campo «Tiempo de apertura (segundos)» debe estar entre 1 y 30.',
    ],
    [
      settingsUpdateInput,
      { smtpUrl: 'ftp://x' },
      'SMTP server is not a valid address.',
      'El campo «Servidor SMTP» no es una dirección válida.',
    ],
    [settingsUpdateInput, { backupKeep: 0 }, 'Keep at least 1 backup.', 'Conserve al menos 1 copia.'],
    [
      carrierCodeAddInput,
      { carrier: 'ups', days: ['mon'], from: '8', until: '20:00' },
      'From: enter a time as HH:MM on a 24-hour clock, e.g. 08:00.',
      'Desde: escriba una hora como HH:MM en formato de 24 horas, p. ej. 08:00.',
    ],
  ] as [z.ZodType, unknown, string, string][])('reads the same English as before, and Spanish: %#', (schema, input, english, spanish) => {
    const sentence = sentenceOf(schema.safeParse(input).error!.issues[0]!.message)!;
    expect([messageText(sentence), messageText(sentence, 'es')]).toEqual([english, spanish]);
  });

  it('names the field in its own words, the same name in every sentence about it', () => {
    const lastName = message('field.lastName');
    expect([messageText(lastName), messageText(lastName, 'es')]).toEqual(['Last name', 'Apellidos']);
  });
});

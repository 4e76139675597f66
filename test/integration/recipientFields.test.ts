import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import { cliActor } from '../../src/services/audit/service';
import { signedInAdmin, testCore } from '../helpers/core';
import { recipientByExternalId } from '../helpers/roster';

/**
 * One rule per field: a value staff type into the recipient form and the same value in a roster file are
 * accepted or refused alike, and kept in the same form.
 */

const phones = [
  '(212) 555-0101',
  '212.555.0102',
  '+1 646 555 0103',
  '555-1234',
  '(212) 155-0101',
  '+44 20 7946 0000',
  '+44 20 1234 567',
  // A German mobile prefix that libphonenumber's small metadata takes for valid and its full metadata does not.
  '+49 1511 234567',
  '+34 612 345 678',
];

const emails = [
  'Lucia.Garcia@Example.COM',
  'ruth.oneill+packages@mail.example.co.uk',
  'José@Bücher.de',
  '用户@例子.广告',
  // No top-level domain: the form took it and the import did not.
  'a@example',
  'ruth@localhost',
  'a..b@example.com',
  'ruth@example.com.',
  'ruth@exa_mple.com',
  'ruth.example.com',
  '"ruth"@example.com',
  `${'x'.repeat(65)}@example.com`,
];

/** What the form keeps of each value: its stored form, or null when it refuses it. */
async function throughTheForm(core: Core, field: 'phone' | 'email', values: readonly string[]) {
  const admin = await signedInAdmin(core);
  const kept: (string | null)[] = [];
  for (const [i, value] of values.entries()) {
    const result = await admin.call('recipients.create', { firstName: 'Form', lastName: `Person${i}`, unit: `F${i}`, [field]: value });
    kept.push(result.ok ? (result.result as Record<string, string | null>)[field]! : null);
  }
  return kept;
}

/** What a roster import keeps of each value, one resident per value: its stored form, or null when it leaves it out. */
async function throughAnImport(core: Core, field: 'phone' | 'email', values: readonly string[]) {
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const header = `Resident ID,First Name,Last Name,Unit,${field === 'phone' ? 'Cell Phone' : 'Email'}`;
  const file = [header, ...values.map((value, i) => `R${i},File,Person${i},R${i},${quote(value)}`)].join('\n');
  const preview = await core.roster.dryRun(Buffer.from(file), 'residents.csv', { preset: 'generic' });
  await core.roster.apply(cliActor, preview.id!, { confirmLargeDeactivation: false, trigger: 'cli' });
  return values.map((_, i) => recipientByExternalId(core, `R${i}`)[field]);
}

describe('one rule per field: the recipient form and the roster import', () => {
  it('accept and refuse the same phone numbers, stored alike', async () => {
    const core = testCore();
    const form = await throughTheForm(core, 'phone', phones);
    expect(await throughAnImport(core, 'phone', phones)).toEqual(form);
    expect(form.filter((phone) => phone !== null)).toHaveLength(5);
  });

  it('accept and refuse the same email addresses, stored alike', async () => {
    const core = testCore();
    const form = await throughTheForm(core, 'email', emails);
    expect(await throughAnImport(core, 'email', emails)).toEqual(form);
    expect(form.slice(0, 4)).toEqual([
      'lucia.garcia@example.com',
      'ruth.oneill+packages@mail.example.co.uk',
      'josé@bücher.de',
      '用户@例子.广告',
    ]);
    expect(form.slice(4)).toEqual(emails.slice(4).map(() => null));
  });
});

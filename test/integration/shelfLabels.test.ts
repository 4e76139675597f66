import { describe, expect, it } from 'vitest';
import { shelfLabelCode } from '../../src/contract';
import { cliActor } from '../../src/services/audit/service';
import { signedInAdmin, testCore } from '../helpers/core';

const ups = '1Z999AA10123456784';
const amazon = 'TBA123456789012';

async function desk() {
  const core = testCore();
  const staff = await signedInAdmin(core);
  const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Lee & <Co>', unit: '4B', email: null, phone: null });
  const first = await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id, shelf: 'A3' });
  const second = await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: ann.id });
  const uidOf = (id: number) => core.db.prepare('SELECT uid FROM packages WHERE id = ?').pluck().get(id) as string;
  return { core, staff, first, second, uidOf };
}

describe('shelf labels', () => {
  it("makes one page per label, at this computer's size, with the label's words in the staff member's language", async () => {
    const { staff, first, second, uidOf } = await desk();
    const sheet = await staff.ok('shelfLabels.sheet', { ids: [first.id, second.id, first.id], language: 'es' });
    expect(sheet).toMatchObject({ count: 2, size: '62mm' });
    expect(sheet.html).toContain('@page { size: 62mm 40mm; margin: 0; }');
    expect(sheet.html.match(/<section class="label"/g)).toHaveLength(2);
    expect(sheet.html).toContain(`data-code="${shelfLabelCode(uidOf(first.id))}"`);
    expect(sheet.html).toContain('<div class="last4">6784</div>');
    expect(sheet.html).toContain('Estante A3');
    expect(sheet.html).toContain('Sin estante');
    expect(sheet.html).toContain('Registrado ');
    // Names are text, never markup.
    expect(sheet.html).toContain('Ann Lee &amp; &lt;Co&gt;');
    expect(sheet.html).not.toContain('<script');
    expect(sheet.html.match(/<svg/g)).toHaveLength(2);

    const big = await staff.ok('shelfLabels.sheet', { ids: [first.id], language: 'en', size: '4x6' });
    expect(big.html).toContain('@page { size: 4in 6in; margin: 0; }');
    expect(big.html).toContain('Shelf A3');
  });

  it("takes the size from this computer's settings and keeps intake's Print shelf label switch", async () => {
    const { staff, first } = await desk();
    await staff.ok('settings.update', { labelSize: '4x6' });
    expect(await staff.ok('shelfLabels.setPrintOnIntake', { on: true })).toEqual({
      printOnIntake: true,
      size: '4x6',
    });
    expect(await staff.ok('shelfLabels.settings', {})).toEqual({ printOnIntake: true, size: '4x6' });
    const sheet = await staff.ok('shelfLabels.sheet', { ids: [first.id], language: 'en' });
    expect(sheet).toMatchObject({ size: '4x6' });
  });

  it('refuses a batch of a package no longer in the log, too many labels, and a bad size, changing nothing', async () => {
    const { staff, first } = await desk();
    const gone = await staff.call('shelfLabels.sheet', { ids: [first.id, 9999], language: 'en' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'ids' } });
    const many = await staff.call('shelfLabels.sheet', { ids: Array.from({ length: 201 }, (_, i) => i + 1), language: 'en' });
    expect(many).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const size = await staff.call('shelfLabels.sheet', { ids: [first.id], language: 'en', size: 'A4' });
    expect(size).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('finds the package a scanned label names, and says so when this desk has none', async () => {
    const { staff, second, uidOf } = await desk();
    expect(await staff.ok('shelfLabels.find', { code: `]Q1${shelfLabelCode(uidOf(second.id))}\r` })).toEqual({ id: second.id });
    const unknown = await staff.call('shelfLabels.find', { code: shelfLabelCode('f'.repeat(32)) });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'code' } });
    const notALabel = await staff.call('shelfLabels.find', { code: ups });
    expect(notALabel).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } });
  });

  it('the shelf check counts a parcel once whether its carrier barcode or its shelf label is scanned', async () => {
    const { staff, first, second, uidOf } = await desk();
    const check = await staff.ok('packages.shelfCheckStart', {});
    const byLabel = await staff.ok('packages.shelfCheckScan', { checkId: check.id, tracking: shelfLabelCode(uidOf(first.id)) });
    expect(byLabel).toMatchObject({ tracking: ups, known: { status: 'waiting', shelf: 'A3' } });
    await staff.ok('packages.shelfCheckScan', { checkId: check.id, tracking: ups });
    await staff.ok('packages.shelfCheckScan', { checkId: check.id, tracking: shelfLabelCode(uidOf(second.id)) });
    const result = await staff.ok('packages.shelfCheckFinish', { checkId: check.id });
    expect(result).toMatchObject({ waitingNotFound: [], neverLogged: [] });
    const unknown = await staff.call('packages.shelfCheckScan', {
      checkId: (await staff.ok('packages.shelfCheckStart', {})).id,
      tracking: shelfLabelCode('e'.repeat(32)),
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

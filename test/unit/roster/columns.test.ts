import { describe, expect, it } from 'vitest';
import {
  detectColumns,
  mapColumns,
  validateMapping,
  type ColumnMapping,
  type PresetId,
  type RosterColumn,
} from '../../../src/domain/roster/columns';
import { parseRosterFile } from '../../../src/services/roster/file/parse';
import { messageText } from '../../../src/contract';
import { fixtureBytes } from './helpers';

/** The mapping as header names, which reads better in assertions than column indexes. */
function byName(headers: readonly string[], mapping: ColumnMapping): Partial<Record<RosterColumn, string>> {
  return Object.fromEntries(Object.entries(mapping).map(([column, index]) => [column, headers[index]]));
}

describe('detectColumns', () => {
  it.each([
    ['First Name', 'firstName'],
    ['LAST_NAME', 'lastName'],
    ['Resident', 'fullName'],
    ['Resident Name', 'fullName'],
    ['Tenant Name', 'fullName'],
    ['Name', 'fullName'],
    ['Unit', 'unit'],
    ['Apt', 'unit'],
    ['apartment', 'unit'],
    ['Unit Number', 'unit'],
    ['Unit #', 'unit'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['Phone', 'phone'],
    ['Cell', 'phone'],
    ['Mobile', 'phone'],
    ['Cell Phone', 'phone'],
    ['Home Phone', 'phone'],
    ['Resident ID', 'externalId'],
    ['Tenant Code', 'externalId'],
    ['tenant_id', 'externalId'],
    ['Resident Code', 'externalId'],
    ['Contact ID', 'externalId'],
    ['Status', 'status'],
    ['Resident Status', 'status'],
    ['Move-In', 'moveIn'],
    ['Move In Date', 'moveIn'],
    ['Move-Out', 'moveOut'],
    ['  move out date ', 'moveOut'],
  ])('maps "%s" to %s', (header, column) => {
    expect(detectColumns(['Something Else', header])).toEqual({ [column]: 1 });
  });

  it('prefers the mobile number over home and work phones, wherever it sits', () => {
    const headers = ['Work Phone', 'Home Phone', 'Phone', 'Mobile Phone'];
    expect(detectColumns(headers).phone).toBe(3);
    expect(detectColumns(headers.slice(0, 3)).phone).toBe(2);
  });

  it('uses first and last name columns and still offers a combined one', () => {
    const mapping = detectColumns(['Name', 'Last Name', 'First Name']);
    expect(mapping).toEqual({ fullName: 0, lastName: 1, firstName: 2 });
  });

  it('does not take a notice date, lease ID or emergency contact for resident data', () => {
    expect(detectColumns(['Notice Date', 'Lease ID', 'Emergency Contact Phone', 'Property ID'])).toEqual({});
  });

  it('takes the first of two equally good columns and leaves the other unmapped', () => {
    expect(detectColumns(['Resident', 'Tenant'])).toEqual({ fullName: 0 });
  });
});

describe('presets', () => {
  // The first four presets, against their fixture files; the newer ones are in reports.test.ts.
  const expected: Record<'yardi' | 'onesite' | 'entrata' | 'salesforce', [string, Partial<Record<RosterColumn, string>>]> = {
    yardi: [
      'yardi-tenant-directory.csv',
      {
        externalId: 'Tenant Code',
        fullName: 'Tenant Name',
        unit: 'Unit',
        email: 'Email',
        phone: 'Phone (Cell)',
        status: 'Status',
        moveIn: 'Move In',
        moveOut: 'Move Out',
      },
    ],
    onesite: [
      'onesite-resident-directory.csv',
      {
        externalId: 'Resident ID',
        firstName: 'First Name',
        lastName: 'Last Name',
        unit: 'Bldg/Unit',
        email: 'Email Address',
        phone: 'Mobile Phone',
        status: 'Resident Status',
        moveIn: 'Move-In Date',
        moveOut: 'Move-Out Date',
      },
    ],
    entrata: [
      'entrata-resident-contacts.csv',
      {
        externalId: 'Resident ID',
        fullName: 'Resident',
        unit: 'Unit #',
        email: 'Email',
        phone: 'Mobile',
        status: 'Lease Status',
        moveIn: 'Move-In',
        moveOut: 'Move-Out',
      },
    ],
    salesforce: [
      'salesforce-contacts.csv',
      {
        externalId: 'Contact ID',
        firstName: 'First Name',
        lastName: 'Last Name',
        unit: 'Unit__c',
        email: 'Email',
        phone: 'Mobile',
        status: 'Status__c',
        moveIn: 'Move_In_Date__c',
        moveOut: 'Move_Out_Date__c',
      },
    ],
  };

  it.each(Object.entries(expected))('%s maps its fixture completely', async (preset, [fixture, columns]) => {
    const { headers } = await parseRosterFile(fixtureBytes(fixture), fixture);
    const mapping = mapColumns(headers, preset as PresetId);
    expect(byName(headers, mapping)).toEqual(columns);
    expect(validateMapping(mapping)).toMatchObject({ ok: true, warnings: [] });
  });

  it('generic detects the columns of an export with its own naming', async () => {
    const { headers } = await parseRosterFile(fixtureBytes('generic-residents.csv'), 'generic-residents.csv');
    expect(byName(headers, mapColumns(headers, 'generic'))).toEqual({
      externalId: 'Resident Code',
      fullName: 'Resident Name',
      unit: 'Apt #',
      email: 'E-mail',
      phone: 'Cell Phone',
      status: 'Resident Status',
      moveIn: 'Move In Date',
      moveOut: 'Move Out Date',
    });
  });

  it('falls back to detection for columns the preset does not know', () => {
    const headers = ['Tenant Code', 'Resident Name', 'Apt', 'E-mail', 'Mobile'];
    expect(byName(headers, mapColumns(headers, 'yardi'))).toEqual({
      externalId: 'Tenant Code',
      fullName: 'Resident Name',
      unit: 'Apt',
      email: 'E-mail',
      phone: 'Mobile',
    });
  });

  it("lets a preset's choice win over detection", () => {
    // Detection alone would take "Unit" here; OneSite's building-qualified unit is the right one.
    const headers = ['Unit', 'Bldg/Unit', 'Resident ID', 'Last Name', 'First Name'];
    expect(mapColumns(headers, 'onesite').unit).toBe(1);
    expect(detectColumns(headers).unit).toBe(0);
  });
});

describe('validateMapping', () => {
  it('asks for a name and a unit', () => {
    const check = validateMapping({ email: 0 });
    expect(check.ok).toBe(false);
    expect(check.missing).toEqual(['name', 'unit']);
    expect(check.messages.map((m) => messageText(m))).toEqual([
      "Choose the column that holds the resident's name.",
      'Choose the column that holds the unit (apartment) number.',
    ]);
  });

  it('accepts any one name column', () => {
    expect(validateMapping({ lastName: 0, unit: 1 }).missing).toEqual([]);
    expect(validateMapping({ fullName: 0, unit: 1 }).missing).toEqual([]);
  });

  it('allows a missing ID but warns how residents will be matched', () => {
    const check = validateMapping({ fullName: 0, unit: 1 });
    expect(check.ok).toBe(true);
    expect(check.warnings.map((m) => messageText(m))).toEqual([expect.stringMatching(/matched by unit and name/)]);
  });
});

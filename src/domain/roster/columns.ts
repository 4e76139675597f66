import { message, rosterColumnIds, type Message } from '../../contract';
/** The columns an import can fill, declared once in the contract (the mapping screen lists them too). */
export const ROSTER_COLUMNS = rosterColumnIds;

export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** Index into `RawTable.headers` for each column the file provides. */
export type ColumnMapping = Partial<Record<RosterColumn, number>>;

export type PresetId =
  'yardi' | 'onesite' | 'entrata' | 'salesforce' | 'appfolio' | 'buildium' | 'rentmanager' | 'resman' | 'mri' | 'generic';

interface Preset {
  label: string;
  /** Exact header names this system uses, compared case-, space- and punctuation-insensitively. */
  headers: Partial<Record<RosterColumn, string[]>>;
}

// ASSUMPTIONS, not vendor documentation: these column sets are our best guess at each system's
// resident export and must be checked against a real file from a customer. Anything a preset
// does not find falls back to detectColumns, so a renamed column degrades to detection, not failure.
export const ROSTER_PRESETS: Record<PresetId, Preset> = {
  // Yardi Voyager "Tenant Directory": Tenant Code (t0012345), Tenant Name as "Last, First",
  // Unit, Status (Current/Notice/Past/Future/Eviction), Move In, Move Out, Email, Phone (Cell), Phone (Home).
  // Its Rent Roll report has the tenant code under "Resident" and the name under "Name".
  yardi: {
    label: 'Yardi Voyager',
    headers: {
      externalId: ['Tenant Code', 'Resident'],
      fullName: ['Tenant Name', 'Tenant Name (Last, First)', 'Name'],
      unit: ['Unit'],
      email: ['Email'],
      phone: ['Phone (Cell)', 'Cell Phone', 'Phone (Home)'],
      status: ['Status'],
      moveIn: ['Move In'],
      moveOut: ['Move Out'],
    },
  },
  // RealPage OneSite "Resident Directory": Bldg/Unit (03-0204), Resident ID, Last Name, First Name,
  // Resident Status, Move-In Date, Move-Out Date, Email Address, Mobile Phone, Home Phone.
  onesite: {
    label: 'RealPage OneSite',
    headers: {
      externalId: ['Resident ID'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      unit: ['Bldg/Unit'],
      email: ['Email Address'],
      phone: ['Mobile Phone', 'Home Phone'],
      status: ['Resident Status'],
      moveIn: ['Move-In Date'],
      moveOut: ['Move-Out Date'],
    },
  },
  // Entrata "Resident Contact" report: Unit #, Lease ID, Resident ID, Resident ("First Last"),
  // Lease Status, Move-In, Move-Out, Email, Mobile, Phone. Lease ID is deliberately not the ID:
  // roommates share a lease, so it would merge them into one recipient.
  entrata: {
    label: 'Entrata',
    headers: {
      externalId: ['Resident ID'],
      fullName: ['Resident'],
      unit: ['Unit #'],
      email: ['Email'],
      phone: ['Mobile', 'Phone'],
      status: ['Lease Status'],
      moveIn: ['Move-In'],
      moveOut: ['Move-Out'],
    },
  },
  // Salesforce contact export with property-management custom fields (the __c suffix):
  // Contact ID (18 characters), First Name, Last Name, Email, Mobile, Phone, Unit__c, Status__c,
  // Move_In_Date__c, Move_Out_Date__c.
  salesforce: {
    label: 'Salesforce',
    headers: {
      externalId: ['Contact ID'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      unit: ['Unit__c'],
      email: ['Email'],
      phone: ['Mobile', 'Phone'],
      status: ['Status__c'],
      moveIn: ['Move_In_Date__c'],
      moveOut: ['Move_Out_Date__c'],
    },
  },
  // AppFolio "Tenant Directory" and "Rent Roll": Property, Unit, Tenant ("First Last"), Status
  // (Current, Notice-Rented, Notice-Unrented, Evict, Future, Past), Phone Numbers (several, labelled
  // "Mobile: …, Home: …"), Emails (several, comma-separated), Move-in, Move-out. No resident ID.
  appfolio: {
    label: 'AppFolio',
    headers: {
      externalId: ['Tenant ID'],
      fullName: ['Tenant', 'Tenant Name', 'Name'],
      unit: ['Unit', 'Unit Name'],
      email: ['Emails', 'Email'],
      phone: ['Phone Numbers', 'Mobile', 'Phone'],
      status: ['Status', 'Tenant Status'],
      moveIn: ['Move-in', 'Move In'],
      moveOut: ['Move-out', 'Move Out'],
    },
  },
  // Buildium tenant list: First name, Last name, Unit, Property, Email, Mobile phone, Home phone,
  // Lease status (Active, Future, Past), Move-in date, Move-out date, Tenant ID.
  buildium: {
    label: 'Buildium',
    headers: {
      externalId: ['Tenant ID'],
      firstName: ['First name'],
      lastName: ['Last name'],
      unit: ['Unit', 'Unit number'],
      email: ['Email', 'Primary email'],
      phone: ['Mobile phone', 'Phone number', 'Phone', 'Home phone'],
      status: ['Lease status', 'Status'],
      moveIn: ['Move-in date'],
      moveOut: ['Move-out date'],
    },
  },
  // Rent Manager tenant directory: Tenant ID (or Acct), Name ("Last, First"), Unit, Property, Status
  // (Current, Past, Future, Prospect), Move In, Move Out, Email, Cell Phone, Home Phone.
  rentmanager: {
    label: 'Rent Manager',
    headers: {
      externalId: ['Tenant ID', 'Acct'],
      fullName: ['Name', 'Tenant Name', 'Tenant'],
      unit: ['Unit'],
      email: ['Email', 'E-mail'],
      phone: ['Cell Phone', 'Mobile Phone', 'Phone', 'Home Phone'],
      status: ['Status'],
      moveIn: ['Move In', 'Move In Date'],
      moveOut: ['Move Out', 'Move Out Date'],
    },
  },
  // ResMan resident directory: Person ID, Unit, Resident ("First Last"), Status (Current, Notice to
  // Vacate, Under Eviction, Pending, Approved, Former), Move In, Move Out, Email, Mobile Phone, Home Phone.
  resman: {
    label: 'ResMan',
    headers: {
      externalId: ['Person ID', 'Resident ID'],
      fullName: ['Resident', 'Resident Name', 'Name'],
      unit: ['Unit'],
      email: ['Email'],
      phone: ['Mobile Phone', 'Cell Phone', 'Phone', 'Home Phone'],
      status: ['Status', 'Resident Status'],
      moveIn: ['Move In', 'Move-In Date'],
      moveOut: ['Move Out', 'Move-Out Date'],
    },
  },
  // MRI Residential resident directory: NameID, Resident Name ("SMITH JOHN A": last name first,
  // capitals), Bldg-Unit, Occupancy Status (Current, Notice, Future, Past, Holdover, or the letters
  // C, N, F, P, H), Move In Date, Move Out Date, Email Address, Cell Phone.
  mri: {
    label: 'MRI Residential',
    headers: {
      externalId: ['NameID', 'Name ID', 'Resident ID'],
      fullName: ['Resident Name', 'Name'],
      unit: ['Bldg-Unit', 'Unit', 'Unit ID'],
      email: ['Email Address', 'E-mail', 'Email'],
      phone: ['Cell Phone', 'Mobile Phone', 'Phone'],
      status: ['Occupancy Status', 'Status'],
      moveIn: ['Move In Date', 'Move In'],
      moveOut: ['Move Out Date', 'Move Out'],
    },
  },
  generic: { label: 'Other (CSV or Excel)', headers: {} },
};

// Keys after normalizeHeader and dropping the party prefix (see detectionKey), most preferred first.
const DETECTION_ALIASES: Record<RosterColumn, string[]> = {
  externalId: ['id', 'code', 'contactid', 'customerid', 'personid', 'nameid', 'acct'],
  firstName: ['firstname', 'first', 'givenname', 'fname'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  fullName: ['name', 'namelastfirst', 'fullname', 'resident', 'tenant', 'contactname'],
  unit: [
    'unit',
    'unitnumber',
    'unitno',
    'apt',
    'aptnumber',
    'apartment',
    'apartmentnumber',
    'suite',
    'bldgunit',
    'unitc',
    'unitname',
    'unitid',
  ],
  email: ['email', 'emailaddress', 'mail', 'emails'],
  // Mobile first: notifications go out by text message, which a landline cannot receive.
  phone: [
    'mobile',
    'mobilephone',
    'phonemobile',
    'mobilenumber',
    'cell',
    'cellphone',
    'phonecell',
    'cellnumber',
    'phone',
    'phonenumber',
    'phonenumbers',
    'telephone',
    'homephone',
    'phonehome',
    'workphone',
    'phonework',
  ],
  status: ['status', 'leasestatus', 'occupancystatus'],
  moveIn: ['movein', 'moveindate'],
  // "Notice Date" is deliberately absent: notice is given weeks before the resident leaves, and
  // treating it as the move-out would lock people out of their packages while they still live there.
  moveOut: ['moveout', 'moveoutdate', 'vacatedate', 'vacated'],
  // The language the resident's PIN messages are written in.
  language: ['language', 'preferredlanguage', 'languagepreference', 'lang', 'idioma'],
};

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// Exports often prefix columns with the party ("Resident Email", "Tenant Code", "Primary Phone");
// dropping the prefix lets one alias cover all of them.
function detectionKey(header: string): string {
  const key = normalizeHeader(header);
  const withoutParty = key.replace(/^(resident|tenant|primary)/, '');
  return withoutParty === '' ? key : withoutParty;
}

export function detectColumns(headers: readonly string[]): ColumnMapping {
  return claimByAliases(headers.map(detectionKey), DETECTION_ALIASES, {});
}

export function mapColumns(headers: readonly string[], preset: PresetId): ColumnMapping {
  const presetAliases = Object.fromEntries(
    Object.entries(ROSTER_PRESETS[preset].headers).map(([column, names]) => [column, names.map(normalizeHeader)]),
  ) as Partial<Record<RosterColumn, string[]>>;
  const fromPreset = claimByAliases(headers.map(normalizeHeader), presetAliases, {});
  return claimByAliases(headers.map(detectionKey), DETECTION_ALIASES, fromPreset);
}

function claimByAliases(
  keys: readonly string[],
  aliases: Partial<Record<RosterColumn, string[]>>,
  alreadyMapped: ColumnMapping,
): ColumnMapping {
  const mapping: ColumnMapping = { ...alreadyMapped };
  const taken = new Set(Object.values(mapping));
  for (const column of ROSTER_COLUMNS) {
    if (mapping[column] !== undefined) continue;
    for (const alias of aliases[column] ?? []) {
      const index = keys.findIndex((key, i) => key === alias && !taken.has(i));
      if (index !== -1) {
        mapping[column] = index;
        taken.add(index);
        break;
      }
    }
  }
  return mapping;
}

export interface MappingCheck {
  ok: boolean;
  missing: Array<'name' | 'unit'>;
  /** Plain-language problems that block the import. */
  messages: Message[];
  /** Plain-language caveats that do not block it. */
  warnings: Message[];
}

export function validateMapping(mapping: ColumnMapping): MappingCheck {
  const missing: MappingCheck['missing'] = [];
  const messages: Message[] = [];
  const warnings: Message[] = [];
  const hasName = mapping.fullName !== undefined || mapping.firstName !== undefined || mapping.lastName !== undefined;
  if (!hasName) {
    missing.push('name');
    messages.push(message('roster.mapping.chooseName'));
  }
  if (mapping.unit === undefined) {
    missing.push('unit');
    messages.push(message('roster.mapping.chooseUnit'));
  }
  if (mapping.externalId === undefined) {
    warnings.push(message('roster.mapping.noIdColumn'));
  }
  return { ok: missing.length === 0, missing, messages, warnings };
}

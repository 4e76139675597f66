import type { RosterColumnId, RosterField, RosterMoveOut, RosterRun } from '../../src/contract';

/** The import's columns, in the words on the mapping screen. */
export const columnLabels: Record<RosterColumnId, string> = {
  externalId: 'Resident ID',
  fullName: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  unit: 'Unit',
  email: 'Email',
  phone: 'Phone (mobile)',
  status: 'Status',
  moveIn: 'Move-in date',
  moveOut: 'Move-out date',
  language: 'Language',
};

export const fieldLabels: Record<RosterField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  unit: 'Unit',
  email: 'Email',
  phone: 'Phone',
  status: 'Status',
  moveIn: 'Move-in',
  moveOut: 'Move-out',
  language: 'Language',
};

export const moveOutReasons: Record<RosterMoveOut['reason'], string> = {
  'missing-from-file': 'Not in the file',
  'inactive-in-file': 'Marked as moved out',
  'move-out-date-passed': 'Move-out date has passed',
};

export const outcomeLabels: Record<RosterRun['outcome'], string> = {
  applied: 'Applied',
  blocked: 'Stopped: too many move-outs',
  failed: 'Failed',
};

export const triggerLabels: Record<RosterRun['trigger'], string> = {
  staff: 'By hand',
  schedule: 'Daily import',
  cli: 'Command line',
};

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

import type { RosterColumnId, RosterField, RosterMoveOut, RosterRun, RosterSkipKind, RosterStatusChoice } from '../../src/contract';

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

export const statusChoiceLabels: Record<RosterStatusChoice, string> = {
  current: 'Current resident',
  notice: 'On notice (still lives here)',
  future: 'Future resident',
  'moved-out': 'Moved out',
  ignore: 'Not a resident: ignore the row',
};

/** How the preview names the report rows it skipped, as "3 section headings". */
export const skipLabels: Record<RosterSkipKind, string> = {
  section: 'section headings',
  charge: 'charge lines under a resident',
  total: 'total and summary rows',
  'repeated-header': 'repeated header rows',
  vacant: 'vacant units',
  'ignored-status': 'rows whose status you chose to ignore',
};

import { describe, expect, it } from 'vitest';
import { activityKindOf, activityKindPrefixes, activityKinds } from '../../../src/contract/activity';
import en from '../../../renderer/i18n/locales/en.json';

describe('activity kinds', () => {
  it('list every action prefix the screen has words for, each in exactly one kind', () => {
    const listed = Object.values(activityKindPrefixes).flat();
    expect(new Set(listed).size).toBe(listed.length);
    expect(Object.keys(en.activityAction).filter((prefix) => !listed.includes(prefix))).toEqual([]);
  });

  it('read the kind from the prefix before the dot', () => {
    expect(activityKindOf('door.denied')).toBe('door');
    expect(activityKindOf('package.picked_up')).toBe('packages');
    expect(activityKindOf('access.single_issued')).toBe('access');
    expect(activityKindOf('recipient.update')).toBe('access');
    expect(activityKindOf('carrier.code_added')).toBe('access');
    expect(activityKindOf('auth.login')).toBe('staff');
    expect(activityKindOf('roster.import')).toBe('imports');
    expect(activityKindOf('backup.created')).toBe('settings');
    // "doorbell.x" is not a door event: the prefix is the whole word before the dot.
    expect(activityKindOf('doorbell.rang')).toBe('settings');
    const actions = Object.entries(en.activityAction).flatMap(([prefix, verbs]) => Object.keys(verbs).map((verb) => `${prefix}.${verb}`));
    expect(new Set(actions.map(activityKindOf))).toEqual(new Set(activityKinds));
  });
});

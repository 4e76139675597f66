import { useState } from 'react';
import type { Language, SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';

/** My account: the signed-in person's own screen language (null: the site's); the session answers with it. */
export function useMyAccount(onSaved: (session: SessionInfo) => void) {
  const [saved, setSaved] = useState(false);
  const { run, busy, error } = useAction((language: Language | null) => invoke('account.setLanguage', { language }));
  return {
    busy,
    error,
    /** Whether the language now shown was saved, until the next try. */
    saved,
    async saveLanguage(language: Language | null) {
      setSaved(false);
      const session = await run(language);
      if (!session) return;
      setSaved(true);
      onSaved(session);
    },
  };
}

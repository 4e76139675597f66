import { useEffect } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';

/** The site's settings as saved, read again when another computer of the site changed them. */
export function useSettings() {
  const settings = useQuery(() => invoke('settings.get', {}), []);
  const { reload } = settings;
  useEffect(() => on('settings.changed', reload), [reload]);
  return settings;
}

/** Saves one card's changes; the answer is the settings as now saved. */
export const updateSettings = (patch: MethodInput<'settings.update'>) => invoke('settings.update', patch);

/** This computer: the log file, and the desktop app's own switches (absent in a browser). */
export function useSystem() {
  const info = useQuery(() => invoke('system.info', {}), []);
  const openFolder = useAction(() => invoke('system.openLogFolder', {}));
  const startAtLogin = useAction(async (enabled: boolean) => {
    await invoke('system.setStartAtLogin', { enabled });
    info.reload();
  });
  return { info, openFolder, startAtLogin };
}

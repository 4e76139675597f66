import { useEffect, useRef, useState } from 'react';
import type { RosterColumnId, RosterDryRun, RosterPreset, RosterRun, RosterStatusChoice } from '../../src/contract';
import { invoke, on } from '../api/client';
import { uploadRosterFile } from './upload';

/** What the admin chose on the preview screen: columns, the meaning of status words, links undone. */
export interface Choices {
  mapping?: Mapping;
  statusValues?: Record<string, RosterStatusChoice>;
  unlink?: number[];
}

export type Step =
  { kind: 'choose' } | { kind: 'preview'; uploadId: string; dryRun: RosterDryRun; choices: Choices } | { kind: 'done'; run: RosterRun };

export interface Progress {
  phase: 'uploading' | 'reading' | 'checking' | 'applying';
  done: number;
  total: number;
}

export type Mapping = Partial<Record<RosterColumnId, number | null>>;

/** Choose a file → preview (and correct the columns) → apply or cancel, with progress from the core. */
export function useImportFlow(onApplied: () => void) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<Error | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const runId = useRef<string | null>(null);

  useEffect(() => on('roster.progress', (p) => p.runId === runId.current && setProgress(p)), []);

  /** Runs one step with progress for `id` (an upload or a preview); a failure shows and leaves the screen as it was. */
  async function work<T>(id: string | null, task: () => Promise<T>): Promise<T | null> {
    setError(null);
    setBusy(true);
    runId.current = id;
    try {
      return await task();
    } catch (e) {
      setError(e as Error);
      return null;
    } finally {
      setBusy(false);
      setProgress(null);
      runId.current = null;
    }
  }

  async function preview(uploadId: string, preset: RosterPreset, choices: Choices = {}) {
    const dryRun = await invoke('roster.dryRun', { uploadId, preset, ...choices });
    setStep({ kind: 'preview', uploadId, dryRun, choices });
  }

  /** Previews again with one more choice, keeping the earlier ones. */
  async function refine(change: Choices) {
    if (step.kind !== 'preview') return;
    const { uploadId, dryRun, choices } = step;
    await work(uploadId, () => preview(uploadId, dryRun.preset, { ...choices, ...change }));
  }

  return {
    step,
    error,
    progress,
    busy,
    async start(file: File, preset: RosterPreset) {
      await work(null, async () => {
        const uploadId = await uploadRosterFile(file, (done, total) => setProgress({ phase: 'uploading', done, total }));
        runId.current = uploadId;
        await preview(uploadId, preset);
      });
    },
    remap: (mapping: Mapping) => refine({ mapping }),
    setStatusValues: (statusValues: Record<string, RosterStatusChoice>) => refine({ statusValues }),
    unlink: (recipientId: number) => refine({ unlink: [...(step.kind === 'preview' ? (step.choices.unlink ?? []) : []), recipientId] }),
    async apply(confirmLargeDeactivation: boolean) {
      if (step.kind !== 'preview' || !step.dryRun.id) return;
      const { uploadId, dryRun } = step;
      const run = await work(dryRun.id, () => invoke('roster.apply', { dryRunId: dryRun.id!, confirmLargeDeactivation }));
      if (!run) return;
      void invoke('roster.cancel', { id: uploadId }).catch(() => undefined);
      setStep({ kind: 'done', run });
      onApplied();
    },
    cancel() {
      if (step.kind === 'preview') {
        for (const id of [step.uploadId, step.dryRun.id]) if (id) void invoke('roster.cancel', { id }).catch(() => undefined);
      }
      setError(null);
      setStep({ kind: 'choose' });
    },
  };
}

export type ImportFlow = ReturnType<typeof useImportFlow>;

import { Badge, Button, Group, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { PackageItem, ShelfCheck as Check, ShelfCheckResult, ShelfCheckScan } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { recipientLabel, statusLabels } from './labels';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** "Log it now" for a package found on a shelf but never logged. */
  onLogNow: (tracking: string) => void;
}

function scanLine(s: ShelfCheckScan): string {
  if (!s.known) return `${s.tracking}: never logged`;
  return `${s.tracking}: ${statusLabels[s.known.status]}, ${s.known.recipientName}${s.known.shelf ? `, shelf ${s.known.shelf}` : ''}`;
}

/** Start, scan what is on the shelves, finish: three lists, each with its action. */
export function ShelfCheckDialog({ opened, onClose, onLogNow }: Props) {
  const [check, setCheck] = useState<Check | null>(null);
  const [result, setResult] = useState<ShelfCheckResult | null>(null);
  const [tracking, setTracking] = useState('');
  const [handled, setHandled] = useState<Set<number>>(new Set());
  const scanRef = useRef<HTMLInputElement>(null);
  const start = useAction(async () => {
    setResult(null);
    setHandled(new Set());
    setCheck(await invoke('packages.shelfCheckStart', {}));
    setTimeout(() => scanRef.current?.focus(), 0);
  });
  const scan = useAction(async (text: string) => {
    if (!check) return;
    const found = await invoke('packages.shelfCheckScan', { checkId: check.id, tracking: text });
    setCheck({ ...check, scans: [found, ...check.scans.filter((s) => s.tracking !== found.tracking)] });
    setTracking('');
  });
  const finish = useAction(async () => {
    if (!check) return;
    setResult(await invoke('packages.shelfCheckFinish', { checkId: check.id }));
    setCheck(null);
  });
  const cancel = useAction(async () => {
    if (check) await invoke('packages.shelfCheckCancel', { checkId: check.id });
    setCheck(null);
    onClose();
  });
  const act = useAction(async (kind: 'restore' | 'missing', items: PackageItem[]) => {
    const ids = items.map((p) => p.id).filter((id) => !handled.has(id));
    if (ids.length === 0) return;
    await invoke(kind === 'restore' ? 'packages.restore' : 'packages.markMissing', { ids });
    setHandled(new Set([...handled, ...ids]));
  });

  function onScanKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (tracking.trim()) void scan.run(tracking);
  }

  const error = start.error ?? scan.error ?? finish.error ?? cancel.error ?? act.error;
  return (
    <Modal opened={opened} onClose={onClose} title="Shelf check" size="xl">
      <Stack>
        <ErrorAlert error={error} />
        {!check && !result && (
          <>
            <Text>Scan every package on the shelves, then finish: Packroom lists what does not match the log.</Text>
            <Group>
              <Button onClick={() => void start.run()} loading={start.busy} data-autofocus>
                Start shelf check
              </Button>
            </Group>
          </>
        )}
        {check && (
          <>
            <TextInput
              ref={scanRef}
              label="Scan a package on the shelf"
              description="Scan each label, or type the number and press Enter."
              value={tracking}
              onChange={(e) => setTracking(e.currentTarget.value)}
              onKeyDown={onScanKey}
              autoComplete="off"
            />
            <Text role="status">{check.scans.length} scanned</Text>
            <List size="sm" aria-label="Scanned">
              {check.scans.slice(0, 20).map((s) => (
                <List.Item key={s.tracking}>{scanLine(s)}</List.Item>
              ))}
            </List>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void cancel.run()}>
                Cancel check
              </Button>
              <Button onClick={() => void finish.run()} loading={finish.busy}>
                Finish shelf check
              </Button>
            </Group>
          </>
        )}
        {result && (
          <>
            <Text>{result.scanned} scanned. The result is in the activity log.</Text>
            <ResultList
              title="Recorded as gone, but on the shelf"
              items={result.notWaitingButFound}
              handled={handled}
              actionLabel="Put back to Waiting"
              onAction={() => void act.run('restore', result.notWaitingButFound)}
            />
            <ResultList
              title="Waiting, but not found"
              items={result.waitingNotFound}
              handled={handled}
              actionLabel="Mark missing"
              onAction={() => void act.run('missing', result.waitingNotFound)}
            />
            <Title order={4}>On the shelf, but never logged</Title>
            {result.neverLogged.length === 0 && <Text c="dimmed">None.</Text>}
            {result.neverLogged.map((t) => (
              <Group key={t}>
                <Text ff="monospace">{t}</Text>
                <Button size="compact-sm" onClick={() => onLogNow(t)}>
                  Log it now
                </Button>
              </Group>
            ))}
            <Group justify="flex-end">
              <Button onClick={onClose}>Done</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

function ResultList(props: { title: string; items: PackageItem[]; handled: Set<number>; actionLabel: string; onAction: () => void }) {
  const open = props.items.filter((p) => !props.handled.has(p.id));
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Title order={4}>{props.title}</Title>
        {open.length > 0 && (
          <Button size="compact-sm" onClick={props.onAction}>
            {props.actionLabel}
          </Button>
        )}
      </Group>
      {props.items.length === 0 && <Text c="dimmed">None.</Text>}
      {props.items.map((p) => (
        <Group key={p.id} gap="xs">
          <Text ff="monospace" size="sm">
            {p.tracking}
          </Text>
          <Text size="sm">
            {recipientLabel(p)}
            {p.shelf ? `, shelf ${p.shelf}` : ''}
          </Text>
          <Badge variant="light">{props.handled.has(p.id) ? 'Done' : statusLabels[p.status]}</Badge>
        </Group>
      ))}
    </Stack>
  );
}

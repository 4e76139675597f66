import { Badge, Button, Group, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PackageItem, ShelfCheck as Check, ShelfCheckResult, ShelfCheckScan } from '../../src/contract';
import { useAction } from '../api/useAction';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { i18n, useTranslation } from '../i18n';
import { recipientLabel, statusLabel } from './labels';
import { packageCalls } from './usePackages';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** "Log it now" for a package found on a shelf but never logged. */
  onLogNow: (tracking: string) => void;
}

function scanLine(s: ShelfCheckScan): string {
  const t = i18n.t.bind(i18n);
  if (!s.known) return t('packages.shelf.lineNever', { tracking: s.tracking });
  const line = { tracking: s.tracking, status: statusLabel(s.known.status), name: s.known.recipientName, shelf: s.known.shelf };
  return t(s.known.shelf ? 'packages.shelf.lineShelf' : 'packages.shelf.line', line);
}

/** Start, scan what is on the shelves, finish: three lists, each with its action. */
export function ShelfCheckDialog({ opened, onClose, onLogNow }: Props) {
  const { t } = useTranslation();
  const [check, setCheck] = useState<Check | null>(null);
  const [result, setResult] = useState<ShelfCheckResult | null>(null);
  const [tracking, setTracking] = useState('');
  const [handled, setHandled] = useState<Set<number>>(new Set());
  const scanRef = useRef<HTMLInputElement>(null);
  const start = useAction(async () => {
    setResult(null);
    setHandled(new Set());
    setCheck(await packageCalls.shelfCheckStart());
  });
  // Start's button goes away as the check begins: the scanner's field takes focus, not the page.
  const checkId = check?.id;
  useEffect(() => {
    if (checkId !== undefined) scanRef.current?.focus();
  }, [checkId]);
  const scan = useAction(async (text: string) => {
    if (!check) return;
    const found = await packageCalls.shelfCheckScan(check.id, text);
    setCheck({ ...check, scans: [found, ...check.scans.filter((s) => s.tracking !== found.tracking)] });
    setTracking('');
  });
  const finish = useAction(async () => {
    if (!check) return;
    setResult(await packageCalls.shelfCheckFinish(check.id));
    setCheck(null);
  });
  const cancel = useAction(async () => {
    if (check) await packageCalls.shelfCheckCancel(check.id);
    setCheck(null);
    onClose();
  });
  const act = useAction(async (kind: 'restore' | 'missing', items: PackageItem[]) => {
    const ids = items.map((p) => p.id).filter((id) => !handled.has(id));
    if (ids.length === 0) return;
    await (kind === 'restore' ? packageCalls.restore(ids) : packageCalls.markMissing(ids));
    setHandled(new Set([...handled, ...ids]));
  });

  function onScanKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (tracking.trim()) void scan.run(tracking);
  }

  const error = start.error ?? scan.error ?? finish.error ?? cancel.error ?? act.error;
  return (
    <Modal opened={opened} onClose={onClose} title={t('packages.shelf.title')} size="xl">
      <Stack>
        <ErrorAlert error={error} />
        {!check && !result && (
          <>
            <Text>{t('packages.shelf.intro')}</Text>
            <Group>
              <Button onClick={() => void start.run()} loading={start.busy} data-autofocus>
                {t('packages.shelf.start')}
              </Button>
            </Group>
          </>
        )}
        {check && (
          <>
            <TextInput
              ref={scanRef}
              label={t('packages.shelf.scan')}
              description={t('packages.shelf.scanHint')}
              value={tracking}
              onChange={(e) => setTracking(e.currentTarget.value)}
              onKeyDown={onScanKey}
              autoComplete="off"
            />
            <Text role="status">{t('packages.shelf.scanned', { count: check.scans.length })}</Text>
            <List size="sm" aria-label={t('packages.shelf.scannedList')}>
              {check.scans.slice(0, 20).map((s) => (
                <List.Item key={s.tracking}>{scanLine(s)}</List.Item>
              ))}
            </List>
            <DialogActions
              label={t('packages.shelf.finish')}
              onConfirm={() => void finish.run()}
              busy={finish.busy}
              onCancel={() => void cancel.run()}
              cancelLabel={t('packages.shelf.cancel')}
            />
          </>
        )}
        {result && (
          <>
            <Text>{t('packages.shelf.result', { count: result.scanned })}</Text>
            <ResultList
              title={t('packages.shelf.foundGone')}
              items={result.notWaitingButFound}
              handled={handled}
              actionLabel={t('packages.shelf.restore')}
              onAction={() => void act.run('restore', result.notWaitingButFound)}
            />
            <ResultList
              title={t('packages.shelf.notFound')}
              items={result.waitingNotFound}
              handled={handled}
              actionLabel={t('packages.shelf.markMissing')}
              onAction={() => void act.run('missing', result.waitingNotFound)}
            />
            <Title order={4}>{t('packages.shelf.neverLogged')}</Title>
            {result.neverLogged.length === 0 && <Text c="dimmed">{t('packages.shelf.none')}</Text>}
            {result.neverLogged.map((number) => (
              <Group key={number}>
                <Text ff="monospace">{number}</Text>
                <Button size="compact-sm" onClick={() => onLogNow(number)}>
                  {t('packages.shelf.logNow')}
                </Button>
              </Group>
            ))}
            <DialogActions label={t('common.done')} onConfirm={onClose} />
          </>
        )}
      </Stack>
    </Modal>
  );
}

function ResultList(props: { title: string; items: PackageItem[]; handled: Set<number>; actionLabel: string; onAction: () => void }) {
  const { t } = useTranslation();
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
      {props.items.length === 0 && <Text c="dimmed">{t('packages.shelf.none')}</Text>}
      {props.items.map((p) => (
        <Group key={p.id} gap="xs">
          <Text ff="monospace" size="sm">
            {p.tracking}
          </Text>
          <Text size="sm">
            {p.shelf ? t('packages.shelf.onShelf', { recipient: recipientLabel(p), shelf: p.shelf }) : recipientLabel(p)}
          </Text>
          <Badge variant="light">{props.handled.has(p.id) ? t('common.done') : statusLabel(p.status)}</Badge>
        </Group>
      ))}
    </Stack>
  );
}

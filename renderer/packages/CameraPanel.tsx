import { Alert, Badge, Box, Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Fragment, useEffect, useRef, useState, type DragEvent, type ReactNode, type RefObject } from 'react';
import type { DeskReading, LabelCandidate, ShipToLine } from '../../src/contract';
import { candidateKey } from '../camera/candidateKeys';
import { ErrorAlert } from '../components/ErrorText';
import { formatDate, useTranslation } from '../i18n';
import type { LabelReadingState } from './useLabelReading';

interface Props {
  state: LabelReadingState;
  video: RefObject<HTMLVideoElement | null>;
  readFile: (file: File) => void;
  retryCamera: () => void;
  /** A candidate chosen from the list (arrows and Enter, or a click). */
  onPick: (candidate: LabelCandidate) => void;
  /** Shown when the reading is not sure: the parcel goes to the Unmatched queue. */
  putAside?: ReactNode;
}

function Line({ line }: { line: ShipToLine }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, m] of line.marks.entries()) {
    if (m.start > at) parts.push(line.text.slice(at, m.start));
    parts.push(<mark key={i}>{line.text.slice(m.start, m.end)}</mark>);
    at = m.end;
  }
  parts.push(line.text.slice(at));
  return (
    <Text ff="monospace" size="sm">
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </Text>
  );
}

/** The outcome in words: "Not sure: 3 people named Smith", "No one on the roster — moved out 2026-03-01". */
function useOutcome(r: DeskReading): { text: string; sure: boolean } {
  const { t } = useTranslation();
  switch (r.outcome) {
    case 'matched':
      return { text: t('camera.outcome.matched', { name: r.recipient!.name, unit: r.recipient!.unit }), sure: true };
    case 'several': {
      const surname = r.candidates[0]?.name.split(' ').at(-1) ?? '';
      const shared = r.candidates.every((c) => c.name.endsWith(` ${surname}`));
      return {
        text: shared
          ? t('camera.outcome.severalNamed', { count: r.candidates.length, surname })
          : t('camera.outcome.several', { count: r.candidates.length }),
        sure: false,
      };
    }
    case 'partial':
      return { text: t('camera.outcome.partial'), sure: false };
    case 'none':
      return {
        text: r.formerResident
          ? r.formerResident.moveOut
            ? t('camera.outcome.movedOut', { name: r.formerResident.name, date: formatDate(r.formerResident.moveOut) })
            : t('camera.outcome.inactive', { name: r.formerResident.name })
          : t('camera.outcome.none'),
        sure: false,
      };
    case 'unreadable':
      return { text: t('camera.outcome.unreadable'), sure: false };
  }
}

function Reading({ reading, onPick, putAside }: { reading: DeskReading; onPick: Props['onPick']; putAside: ReactNode }) {
  const { t } = useTranslation();
  const outcome = useOutcome(reading);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const offered = reading.recipient ? [] : reading.candidates;
  // Not sure, with people to offer: the arrows and Enter choose at once, with no click first. (Each reading mounts
  // this anew: see its key.)
  const offering = offered.length > 0;
  useEffect(() => {
    if (offering) list.current?.focus();
  }, [offering]);

  return (
    <Stack gap="xs">
      <Text fw={600} c={outcome.sure ? 'green.8' : 'orange.8'} data-testid="label-outcome" data-reading-ms={reading.ms}>
        {outcome.text}
      </Text>
      {reading.shipTo.length > 0 && (
        <Box aria-label={t('camera.shipTo')} role="group">
          <Text size="xs" c="dimmed">
            {t('camera.shipTo')}
          </Text>
          {reading.shipTo.map((line, i) => (
            <Line key={i} line={line} />
          ))}
        </Box>
      )}
      {offered.length > 0 && (
        <>
          <Text size="xs" c="dimmed" id="label-candidates">
            {t('camera.candidates')}
          </Text>
          <Box
            component="ul"
            ref={list}
            role="listbox"
            aria-labelledby="label-candidates"
            aria-activedescendant={`label-candidate-${active}`}
            tabIndex={0}
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            onKeyDown={(e) => {
              const key = candidateKey(e.key, active, offered.length);
              if (!key) return;
              e.preventDefault();
              if ('move' in key) setActive(key.move);
              else onPick(offered[key.pick]!);
            }}
          >
            {offered.map((c, i) => (
              <Paper
                key={c.id}
                component="li"
                id={`label-candidate-${i}`}
                role="option"
                aria-selected={i === active}
                withBorder
                p={6}
                mb={4}
                bg={i === active ? 'blue.0' : undefined}
                style={{ cursor: 'pointer' }}
                onClick={() => onPick(c)}
              >
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {c.name} — {c.unit}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {c.why.map((w) => t(`camera.why.${w}`)).join(' · ')}
                </Text>
              </Paper>
            ))}
          </Box>
        </>
      )}
      {!outcome.sure && putAside}
    </Stack>
  );
}

/**
 * Beside Log a package: the chosen camera's live view (or a place to drop a photo), the reading's status, what it
 * read with the matched words marked, and the people it could be when it is not sure.
 */
export function CameraPanel({ state, video, readFile, retryCamera, onPick, putAside }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) readFile(file);
  };
  const reader = state.reader;
  const status = state.reading
    ? t('camera.reading')
    : reader?.state === 'loading'
      ? t('camera.warming')
      : state.camera === 'live'
        ? t('camera.hold')
        : t('camera.dropHint');
  const cameraLost = state.camera === 'missing' || state.camera === 'denied' || state.camera === 'failed';
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-labelledby="camera-heading"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="camera-panel"
      style={over ? { outline: '2px dashed var(--mantine-color-blue-6)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4} id="camera-heading">
            {t('camera.title')}
          </Title>
          {reader?.state === 'ready' && (
            <Badge variant="light" color="gray" title={t('camera.coldStartHint')}>
              {t('camera.coldStart', { seconds: (reader.coldMs / 1000).toFixed(1) })}
            </Badge>
          )}
        </Group>
        {state.camera !== 'off' && !cameraLost && (
          <video
            ref={video}
            muted
            playsInline
            aria-label={t('camera.view')}
            style={{ width: '100%', maxHeight: 220, background: '#222', borderRadius: 4, objectFit: 'contain' }}
          />
        )}
        {cameraLost && (
          <Alert color="orange" role="alert" title={t(`camera.problem.${state.camera}.title`)}>
            <Stack gap={6} align="flex-start">
              <Text size="sm">{t(`camera.problem.${state.camera}.text`)}</Text>
              <Button size="xs" variant="default" onClick={retryCamera}>
                {t('camera.retry')}
              </Button>
            </Stack>
          </Alert>
        )}
        {state.camera === 'off' && (
          <Text size="sm" c="dimmed">
            {t('camera.noCamera')}
          </Text>
        )}
        {reader?.state === 'unavailable' ? (
          <Alert color="red" role="alert">
            {t('camera.unavailable')}
          </Alert>
        ) : (
          <Text size="sm" aria-live="polite" data-testid="camera-status">
            {status}
          </Text>
        )}
        <Group gap="xs">
          <FileButton onChange={(file) => file && readFile(file)} accept="image/*">
            {(props) => (
              <Button size="xs" variant="default" {...props}>
                {t('camera.chooseFile')}
              </Button>
            )}
          </FileButton>
        </Group>
        <ErrorAlert error={state.error} title={t('camera.failed')} />
        {state.result && <Reading key={state.readings} reading={state.result} onPick={onPick} putAside={putAside} />}
      </Stack>
    </Paper>
  );
}

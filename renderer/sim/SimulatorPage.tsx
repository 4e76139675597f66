import { Alert, Button, Card, Container, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { errorText, useTranslation } from '../i18n';
import { Keypad } from './Keypad';
import { RelayLamp } from './RelayLamp';
import { advanceClock, scanQr } from './simApi';

/** Developer and demo page: stands in for the door hardware of `packroom serve --devices sim`. */
export function SimulatorPage() {
  const { t } = useTranslation();
  const [actionError, setActionError] = useState<Error | null>(null);
  const [relayError, setRelayError] = useState<Error | null>(null);
  const onRelayError = useCallback((e: Error | null) => setRelayError(e), []);
  const error = actionError ?? relayError;

  return (
    <Container size="md" py="xl" component="main">
      <Stack>
        <div>
          <Title order={1}>{t('sim.title')}</Title>
          <Text c="dimmed">{t('sim.intro')}</Text>
        </div>
        {error && (
          <Alert color="red" title={t('sim.noAnswer')} role="alert">
            {errorText(error)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <SimSection id="sim-keypad" title={t('sim.keypad')}>
            <Keypad onError={setActionError} />
          </SimSection>
          <SimSection id="sim-relay" title={t('sim.relay')}>
            <RelayLamp onError={onRelayError} />
          </SimSection>
          <SimSection id="sim-reader" title={t('sim.reader')}>
            <QrReader onError={setActionError} />
          </SimSection>
          <SimSection id="sim-clock" title={t('sim.clock')}>
            <ClockControl onError={setActionError} />
          </SimSection>
        </SimpleGrid>
      </Stack>
    </Container>
  );
}

function SimSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack>
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function QrReader({ onError }: { onError: (error: Error | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void scanQr(text).then(() => onError(null), onError);
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end">
        <TextInput
          label={t('sim.qrText')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          flex={1}
        />
        <Button type="submit">{t('sim.scan')}</Button>
      </Group>
    </form>
  );
}

function ClockControl({ onError }: { onError: (error: Error | null) => void }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState<number | string>(60);
  const [advanced, setAdvanced] = useState(0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const step = Number(minutes);
    void advanceClock(step * 60_000).then(() => {
      onError(null);
      setAdvanced((total) => total + step);
    }, onError);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Group align="flex-end">
          <NumberInput label={t('sim.advanceLabel')} min={1} allowDecimal={false} value={minutes} onChange={setMinutes} w={220} />
          <Button type="submit">{t('sim.advance')}</Button>
        </Group>
        <Text size="sm" c="dimmed" role="status">
          {advanced === 0 ? t('sim.realTime') : t('sim.moved', { count: advanced })}
        </Text>
      </Stack>
    </form>
  );
}

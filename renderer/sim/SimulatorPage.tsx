import { Alert, Button, Card, Container, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { Keypad } from './Keypad';
import { RelayLamp } from './RelayLamp';
import { advanceClock, scanQr } from './simApi';

/** Developer and demo page: stands in for the door hardware of `packroom serve --devices sim`. */
export function SimulatorPage() {
  const [actionError, setActionError] = useState<Error | null>(null);
  const [relayError, setRelayError] = useState<Error | null>(null);
  const onRelayError = useCallback((e: Error | null) => setRelayError(e), []);
  const error = actionError ?? relayError;

  return (
    <Container size="md" py="xl">
      <Stack>
        <div>
          <Title order={1}>Door simulator</Title>
          <Text c="dimmed">
            The keypad, QR reader, door relay and clock of a Packroom started with --devices sim. For development and demos only.
          </Text>
        </div>
        {error && (
          <Alert color="red" title="The simulator did not answer" role="alert">
            {error.message}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <SimSection id="sim-keypad" title="Keypad">
            <Keypad onError={setActionError} />
          </SimSection>
          <SimSection id="sim-relay" title="Door relay">
            <RelayLamp onError={onRelayError} />
          </SimSection>
          <SimSection id="sim-reader" title="QR reader">
            <QrReader onError={setActionError} />
          </SimSection>
          <SimSection id="sim-clock" title="Clock">
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
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void scanQr(text).then(() => onError(null), onError);
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end">
        <TextInput
          label="QR code text"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          flex={1}
        />
        <Button type="submit">Scan</Button>
      </Group>
    </form>
  );
}

function ClockControl({ onError }: { onError: (error: Error | null) => void }) {
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
          <NumberInput label="Advance clock (minutes)" min={1} allowDecimal={false} value={minutes} onChange={setMinutes} w={220} />
          <Button type="submit">Advance</Button>
        </Group>
        <Text size="sm" c="dimmed" role="status">
          {advanced === 0 ? 'The clock runs at real time.' : `Moved ahead ${advanced} minute${advanced === 1 ? '' : 's'} from this page.`}
        </Text>
      </Stack>
    </form>
  );
}

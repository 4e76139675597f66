import { Alert, Button, Card, Container, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
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
          <Card withBorder component="section" aria-labelledby="sim-keypad">
            <Stack>
              <Title order={2} size="h3" id="sim-keypad">
                Keypad
              </Title>
              <Keypad onError={setActionError} />
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="sim-relay">
            <Stack>
              <Title order={2} size="h3" id="sim-relay">
                Door relay
              </Title>
              <RelayLamp onError={onRelayError} />
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="sim-reader">
            <Stack>
              <Title order={2} size="h3" id="sim-reader">
                QR reader
              </Title>
              <QrReader onError={setActionError} />
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="sim-clock">
            <Stack>
              <Title order={2} size="h3" id="sim-clock">
                Clock
              </Title>
              <ClockControl onError={setActionError} />
            </Stack>
          </Card>
        </SimpleGrid>
      </Stack>
    </Container>
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

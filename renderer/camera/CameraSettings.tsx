import { Card, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import { chooseCamera, chosenCamera } from './cameraChoice';

type Cameras = { state: 'listing' } | { state: 'unsupported' } | { state: 'listed'; cameras: { id: string; label: string }[] };

/**
 * The video inputs this browser sees. Their names are hidden until the page may use a camera, so when they come back
 * unnamed it asks once (and lets the camera go at once): the names are what staff recognise.
 */
async function listCameras(): Promise<MediaDeviceInfo[]> {
  const inputs = async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  const first = await inputs();
  if (first.length === 0 || first.every((d) => d.label !== '')) return first;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    stream.getTracks().forEach((t) => t.stop());
  } catch {
    return first;
  }
  return inputs();
}

// Absent where the browser does not trust the address with a camera (plain http to another computer).
const hasCameraApi = () => typeof (navigator.mediaDevices as MediaDevices | undefined)?.enumerateDevices === 'function';

/** Settings → This computer: which camera the desk reads labels with, or none. */
export function CameraSettings() {
  const { t } = useTranslation();
  const [cameras, setCameras] = useState<Cameras>(() => (hasCameraApi() ? { state: 'listing' } : { state: 'unsupported' }));
  const [chosen, setChosen] = useState(chosenCamera);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!hasCameraApi()) return;
    let live = true;
    const list = () =>
      listCameras().then(
        (found) =>
          live &&
          setCameras({
            state: 'listed',
            cameras: found.map((d, i) => ({ id: d.deviceId, label: d.label || t('camera.settings.unnamed', { n: i + 1 }) })),
          }),
        () => live && setCameras({ state: 'unsupported' }),
      );
    void list();
    // A camera plugged in or out while the page is open.
    navigator.mediaDevices.addEventListener('devicechange', list);
    return () => {
      live = false;
      navigator.mediaDevices.removeEventListener('devicechange', list);
    };
  }, [t]);

  const listed = cameras.state === 'listed' ? cameras.cameras : [];
  const options = [{ value: '', label: t('camera.settings.none') }, ...listed.map((c) => ({ value: c.id, label: c.label }))];
  // A remembered camera that is not plugged in now keeps its place, so the choice is not lost by unplugging it.
  if (chosen && !listed.some((c) => c.id === chosen))
    options.push({ value: chosen, label: t('camera.settings.unnamed', { n: listed.length + 1 }) });

  return (
    <Card withBorder component="section" aria-labelledby="settings-desk-camera">
      <Stack gap="sm">
        <Title order={3} id="settings-desk-camera">
          {t('camera.settings.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('camera.settings.intro')}
        </Text>
        {cameras.state === 'unsupported' ? (
          <Text size="sm">{t('camera.settings.unsupported')}</Text>
        ) : (
          <Select
            label={t('camera.settings.label')}
            data={options}
            value={chosen ?? ''}
            allowDeselect={false}
            disabled={cameras.state === 'listing'}
            description={cameras.state === 'listed' && listed.length === 0 ? t('camera.settings.noneFound') : undefined}
            onChange={(value) => {
              const id = value ? value : null;
              chooseCamera(id);
              setChosen(id);
              setSaved(id !== null);
            }}
          />
        )}
        {saved && (
          <Text size="sm" c="green.8" role="status">
            {t('camera.settings.saved')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

import { Box, Button, Input } from '@mantine/core';
import { useEffect, useId, useRef, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from '../i18n';

/** The pad's drawing size in pixels; shown as wide as the dialog, drawn at this size whatever the screen. */
const width = 600;
const height = 200;
const ground = '#ffffff';
const ink = '#000000';
const pen = 4;

interface Props {
  label: string;
  description?: string;
  /** The signature as a PNG data URL, '' while the pad is empty. */
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
}

/**
 * The collector signs with a finger, a pen or the mouse (Pointer Events, one stroke per press). Each finished stroke
 * hands the whole pad on as a PNG; whether it is enough ink is the core's call (an empty pad or a dot is refused),
 * and its refusal shows under the pad as a form field's does.
 */
export function SignaturePad({ label, description, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const id = useId();

  // A white ground, so the PNG reads as ink on paper wherever it is shown; wiped again when the form clears the value.
  useEffect(() => {
    if (value) return;
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = ground;
    context.fillRect(0, 0, width, height);
  }, [value]);

  // The pointer's place in the pad's own pixels (the canvas is scaled to the dialog's width).
  const at = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * width) / box.width, y: ((event.clientY - box.top) * height) / box.height };
  };

  const line = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.strokeStyle = ink;
    context.lineWidth = pen;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  };

  const down = (event: PointerEvent<HTMLCanvasElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = at(event);
    last.current = point;
    // A press that does not move still leaves its dot, as a pen would (a line of no length draws nothing).
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = ink;
    context.beginPath();
    context.arc(point.x, point.y, pen / 2, 0, 2 * Math.PI);
    context.fill();
  };

  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    const point = at(event);
    line(last.current, point);
    last.current = point;
  };

  const up = () => {
    if (!last.current) return;
    last.current = null;
    onChange(canvas.current!.toDataURL('image/png'));
  };

  const errorId = `${id}-error`;
  const descriptionId = `${id}-description`;
  return (
    <Input.Wrapper
      label={label}
      labelElement="div"
      labelProps={{ id: `${id}-label` }}
      description={description}
      descriptionProps={{ id: descriptionId }}
      error={error}
      errorProps={{ id: errorId }}
    >
      {/* "Clear" sits in the pad's corner, so a refusal shows right under the pad. */}
      <Box pos="relative" mt="xs">
        <canvas
          ref={canvas}
          width={width}
          height={height}
          role="img"
          aria-labelledby={`${id}-label`}
          aria-describedby={[error ? errorId : null, description ? descriptionId : null].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? true : undefined}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          style={{
            display: 'block',
            width: '100%',
            aspectRatio: `${width} / ${height}`,
            // The pad, not the page, takes a finger's strokes.
            touchAction: 'none',
            border: `1px solid ${error ? 'var(--mantine-color-error)' : 'var(--mantine-color-default-border)'}`,
            borderRadius: 'var(--mantine-radius-sm)',
            background: ground,
            cursor: 'crosshair',
          }}
        />
        <Button variant="subtle" size="xs" pos="absolute" top={4} right={4} onClick={() => onChange('')} disabled={!value}>
          {t('attachments.pad.clear')}
        </Button>
      </Box>
    </Input.Wrapper>
  );
}

import { describe, expect, it } from 'vitest';
import { messageText, type DeviceProblem } from '../../../src/contract';
import { deviceProblemText as sentence, type Platform, type ProblemDevice } from '../../../src/domain/deviceProblem';

const deviceProblemText = (device: ProblemDevice, problem: DeviceProblem, platform: Platform) =>
  messageText(sentence(device, problem, platform));

const relay = { role: 'relay', label: '16c0:05df', serial: false } as const;
const keypad = { role: 'keypad', label: '1a2c:2124', serial: false } as const;
const denied = { kind: 'permission-denied', detail: "Failed to open a device with path '/dev/hidraw3': Permission denied" } as const;

describe('deviceProblemText', () => {
  it('says which problem it is', () => {
    expect(deviceProblemText(relay, { kind: 'not-connected', detail: '' }, 'linux')).toBe(
      'The door relay (16c0:05df) is not connected. Check its USB cable.',
    );
    expect(deviceProblemText(relay, { kind: 'disconnected', detail: 'x' }, 'linux')).toMatch(/was disconnected and has not come back/);
    expect(deviceProblemText(relay, { kind: 'protocol-error', detail: 'unreadable relay status' }, 'win32')).toMatch(
      /does not answer as Packroom expects \(unreadable relay status\)/,
    );
  });

  it('gives the Linux fix for a permission problem: the udev rules file, then a replug', () => {
    expect(deviceProblemText(relay, denied, 'linux')).toBe(
      "The door relay (16c0:05df) is plugged in, but Packroom is not allowed to open it (Failed to open a device with path '/dev/hidraw3': Permission denied). " +
        'To fix it, install build/linux/60-packroom.rules, then unplug and replug the device.',
    );
    // The rules file names the relay boards; a keypad or reader needs its VID:PID added first.
    expect(deviceProblemText(keypad, denied, 'linux')).toMatch(
      /install build\/linux\/60-packroom\.rules with this device's VID:PID added as the file explains, then unplug and replug the device\./,
    );
    expect(deviceProblemText({ ...relay, label: '/dev/ttyUSB0', serial: true }, denied, 'linux')).toMatch(/dialout group/);
  });

  it('gives the fix that fits Windows and macOS', () => {
    expect(deviceProblemText(keypad, denied, 'win32')).toMatch(/Another program is probably using it/);
    expect(deviceProblemText(keypad, denied, 'darwin')).toMatch(/Privacy & Security → Input Monitoring/);
  });
});

describe('device problems on a Spanish screen', () => {
  it('say the problem and the fix in Spanish, with the driver’s own words as they came', () => {
    expect(messageText(sentence(relay, denied, 'linux'), 'es')).toBe(
      "El relé de la puerta (16c0:05df) está enchufado, pero Packroom no tiene permiso para abrirlo (Failed to open a device with path '/dev/hidraw3': Permission denied). " +
        'Para solucionarlo, instale build/linux/60-packroom.rules y luego desenchufe el dispositivo y vuelva a enchufarlo.',
    );
    expect(messageText(sentence(keypad, { kind: 'not-connected', detail: '' }, 'win32'), 'es')).toBe(
      'El teclado de la puerta (1a2c:2124) no está conectado. Revise su cable USB.',
    );
  });
});

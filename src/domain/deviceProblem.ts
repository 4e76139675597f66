/**
 * What staff read when a door device is not working: which of the four problems it is and what
 * to do about it on this OS. The Devices panel and the staff alerts both use these sentences.
 */
import { message, type DeviceProblem, type DeviceRole, type Message } from '../contract';

export interface ProblemDevice {
  role: DeviceRole;
  /** How staff assigned it, e.g. 16c0:05df */
  label: string;
  /** A serial relay board (its permission comes from the dialout group, not the udev rule). */
  serial: boolean;
}

export const linuxRulesFile = 'build/linux/60-packroom.rules';

/**
 * The OS, as Node names it (`process.platform`), passed in by the caller: the pure layers have no Node types, so the
 * names are spelled here. The fix differs on Linux and macOS; every other OS gets the general advice.
 */
export type Platform = 'aix' | 'android' | 'cygwin' | 'darwin' | 'freebsd' | 'haiku' | 'linux' | 'netbsd' | 'openbsd' | 'sunos' | 'win32';

/** The `device.fix` sentences: how to give Packroom a device on each OS. */
type PermissionFix = 'dialout' | 'udevRelay' | 'udevDevice' | 'inputMonitoring' | 'otherProgram';

/** The rules file names the relay boards; a keypad or reader needs its VID:PID added first. */
function permissionFix(device: ProblemDevice, platform: Platform): PermissionFix {
  if (platform === 'linux') {
    if (device.serial) return 'dialout';
    return device.role === 'relay' ? 'udevRelay' : 'udevDevice';
  }
  if (platform === 'darwin') return 'inputMonitoring';
  return 'otherProgram';
}

/** One or two sentences: what happened, then what to do. */
export function deviceProblemText(device: ProblemDevice, problem: DeviceProblem, platform: Platform): Message {
  const it = { role: device.role, label: device.label };
  switch (problem.kind) {
    case 'not-connected':
      return message('device.problem.notConnected', it);
    case 'disconnected':
      return message('device.problem.disconnected', it);
    case 'permission-denied':
      return message('device.problem.permissionDenied', {
        ...it,
        detail: problem.detail,
        fix: permissionFix(device, platform),
        rules: linuxRulesFile,
      });
    case 'protocol-error':
      return message('device.problem.protocolError', { ...it, detail: problem.detail });
  }
}

/**
 * What staff read when a door device is not working: which of the four problems it is and what
 * to do about it on this OS. The Devices panel and the staff alerts both use these words.
 */
import type { DeviceProblem } from '../contract/devices';

export interface ProblemDevice {
  /** e.g. "door relay" */
  roleName: string;
  /** How staff assigned it, e.g. 16c0:05df */
  label: string;
  /** A serial relay board (its permission comes from the dialout group, not the udev rule). */
  serial: boolean;
}

export const linuxRulesFile = 'build/linux/60-packroom.rules';

function permissionFix(device: ProblemDevice, platform: NodeJS.Platform): string {
  if (platform === 'linux') {
    if (device.serial)
      return 'Add the user Packroom runs as to the dialout group (sudo usermod -aG dialout USER), then sign out and in again.';
    const rule =
      device.roleName === 'door relay'
        ? `install ${linuxRulesFile}`
        : `install ${linuxRulesFile} with this device's VID:PID added as the file explains`;
    return `To fix it, ${rule}, then unplug and replug the device.`;
  }
  if (platform === 'darwin') {
    return 'Allow Packroom in System Settings → Privacy & Security → Input Monitoring, then unplug and replug the device.';
  }
  return 'Another program is probably using it: close that program, then unplug and replug the device.';
}

/** One or two sentences: what happened, then what to do. */
export function deviceProblemText(device: ProblemDevice, problem: DeviceProblem, platform: NodeJS.Platform): string {
  const it = `The ${device.roleName} (${device.label})`;
  switch (problem.kind) {
    case 'not-connected':
      return `${it} is not connected. Check its USB cable.`;
    case 'disconnected':
      return `${it} was disconnected and has not come back. Check its USB cable and power.`;
    case 'permission-denied':
      return `${it} is plugged in, but Packroom is not allowed to open it (${problem.detail}). ${permissionFix(device, platform)}`;
    case 'protocol-error':
      return `${it} is connected but does not answer as Packroom expects (${problem.detail}). Check that it is a supported device, then unplug and replug it.`;
  }
}

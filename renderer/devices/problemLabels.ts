import type { DeviceErrorKind } from '../../src/contract';
import { i18n } from '../i18n';

/** A door device's problem in two words, for badges; the Devices panel shows the full sentence beside it. */
export const problemLabel = (kind: DeviceErrorKind) => i18n.t(`devices.problems.${kind}`);

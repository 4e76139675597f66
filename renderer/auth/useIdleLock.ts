import { useEffect, useRef } from 'react';
import { invoke } from '../api/client';

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** How often, at most, activity in the window is reported to the core so its own idle check agrees. */
const touchEveryMs = 60_000;

/** Locks the screen after `minutes` without a key press or pointer movement. */
export function useIdleLock(minutes: number, enabled: boolean, onLock: () => void): void {
  const onLockRef = useRef(onLock);
  useEffect(() => {
    onLockRef.current = onLock;
  });

  useEffect(() => {
    if (!enabled) return;
    let lastTouch = Date.now();
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        void invoke('auth.lock', {}).catch(() => undefined);
        onLockRef.current();
      }, minutes * 60_000);
    };
    const activity = () => {
      arm();
      if (Date.now() - lastTouch > touchEveryMs) {
        lastTouch = Date.now();
        void invoke('auth.touch', {}).catch(() => undefined);
      }
    };
    arm();
    activityEvents.forEach((name) => window.addEventListener(name, activity, { passive: true }));
    return () => {
      window.clearTimeout(timer);
      activityEvents.forEach((name) => window.removeEventListener(name, activity));
    };
  }, [minutes, enabled]);
}

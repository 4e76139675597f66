import { useEffect } from 'react';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/** A package's photos and signatures (without their pictures), reloaded when packages change (retention too). */
export function usePackageAttachments(packageId: number) {
  const list = useQuery(() => invoke('attachments.list', { packageId }), [packageId]);
  const { reload } = list;
  useEffect(() => on('packages.changed', reload), [reload]);
  return list;
}

/** One photo or signature with its picture (a data URL; null once retention deleted it). */
export function useAttachment(uid: string) {
  return useQuery(() => invoke('attachments.get', { uid }), [uid]);
}

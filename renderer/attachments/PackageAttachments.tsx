import { Image, Modal, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { AttachmentItem } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { formatDate, formatDateTime, useTranslation } from '../i18n';
import { useAttachment, usePackageAttachments } from './useAttachments';

/** The pictures kept with a package (the label's photo, the proof at handover) in its detail; a click enlarges one. */
export function PackageAttachments({ packageId }: { packageId: number }) {
  const { t } = useTranslation();
  const list = usePackageAttachments(packageId);
  const [open, setOpen] = useState<AttachmentItem | null>(null);
  const items = list.data ?? [];
  if (!list.error && items.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('attachments.title')}
      </Text>
      <ErrorAlert error={list.error} title={t('attachments.loadFailed')} />
      <SimpleGrid cols={3} spacing="sm">
        {items.map((a) => (
          <Thumbnail key={a.uid} item={a} onOpen={() => setOpen(a)} />
        ))}
      </SimpleGrid>
      {open && <Enlarged item={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

/** Who took it and when, in the reader's language: "Label photo · 8 dic 2026 14:02 · ada". */
function Caption({ item }: { item: AttachmentItem }) {
  const { t } = useTranslation();
  return (
    <Text size="xs">
      {t(`attachments.kind.${item.kind}`)} · {formatDateTime(item.takenAt)}
      {item.takenByName ? ` · ${item.takenByName}` : ''}
    </Text>
  );
}

function Thumbnail({ item, onOpen }: { item: AttachmentItem; onOpen: () => void }) {
  const { t } = useTranslation();
  const picture = useAttachment(item.uid);
  if (item.deletedAt) {
    return (
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          {t('attachments.deleted', { date: formatDate(item.deletedAt) })}
        </Text>
        <Caption item={item} />
      </Stack>
    );
  }
  const alt = t(`attachments.kind.${item.kind}`);
  return (
    <Stack gap={2}>
      <UnstyledButton onClick={onOpen} aria-label={t('attachments.enlarge', { what: alt })}>
        {picture.data?.dataUrl ? (
          <Image src={picture.data.dataUrl} alt={alt} h={110} fit="contain" bg="gray.1" radius="sm" />
        ) : (
          <Skeleton h={110} />
        )}
      </UnstyledButton>
      <ErrorAlert error={picture.error} title={t('attachments.loadFailed')} />
      <Caption item={item} />
    </Stack>
  );
}

function Enlarged({ item, onClose }: { item: AttachmentItem; onClose: () => void }) {
  const { t } = useTranslation();
  const picture = useAttachment(item.uid);
  return (
    <Modal opened onClose={onClose} size="xl" title={t(`attachments.kind.${item.kind}`)}>
      <Stack>
        {picture.data?.dataUrl && <Image src={picture.data.dataUrl} alt={t(`attachments.kind.${item.kind}`)} fit="contain" mah="70vh" />}
        <Caption item={item} />
      </Stack>
    </Modal>
  );
}

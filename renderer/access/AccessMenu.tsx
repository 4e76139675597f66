import { ActionIcon, Menu, Text } from '@mantine/core';
import { IconDoorEnter, IconEye, IconKey, IconRefresh, IconShield } from '@tabler/icons-react';
import { useState } from 'react';
import type { AccessOverview, Recipient } from '../../src/contract';
import { OpenDoorDialog } from '../door/OpenDoorDialog';
import { afterMenuCloses } from '../components/afterMenu';
import { useTranslation } from '../i18n';
import { LookupPinDialog } from './LookupPinDialog';
import { RegeneratePinDialog } from './RegeneratePinDialog';
import { SingleAccessPinDialog } from './SingleAccessPinDialog';

type Dialog = 'single' | 'lookup' | 'regenerate' | 'door' | null;

/** The Shield button on the Recipient Detail View. */
export function AccessMenu({ recipient, overview }: { recipient: Recipient; overview: AccessOverview | undefined }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const name = `${recipient.firstName} ${recipient.lastName}`;
  const lookupUnavailable = !overview
    ? t('common.loadingEllipsis')
    : !overview.lookupPinEnabled
      ? t('access.lookupOff')
      : !overview.permanent
        ? t('access.noActivePin')
        : null;

  return (
    <>
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <ActionIcon variant="light" size="lg" aria-label={t('access.options')} title={t('access.options')}>
            <IconShield size={20} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => afterMenuCloses(() => setDialog('single'))}>
            {t('access.sendSingleAccessPin')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconEye size={16} aria-hidden />}
            disabled={lookupUnavailable !== null}
            onClick={() => afterMenuCloses(() => setDialog('lookup'))}
          >
            {t('access.lookupPin')}
            {lookupUnavailable && (
              <Text size="xs" c="dimmed">
                {lookupUnavailable}
              </Text>
            )}
          </Menu.Item>
          <Menu.Item leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => afterMenuCloses(() => setDialog('regenerate'))}>
            {t('access.regenerate')}
          </Menu.Item>
          <Menu.Item leftSection={<IconDoorEnter size={16} aria-hidden />} onClick={() => afterMenuCloses(() => setDialog('door'))}>
            {t('access.openDoor')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SingleAccessPinDialog opened={dialog === 'single'} recipient={recipient} onClose={close} />
      <LookupPinDialog opened={dialog === 'lookup'} recipientId={recipient.id} recipientName={name} onClose={close} />
      <RegeneratePinDialog opened={dialog === 'regenerate'} recipientId={recipient.id} recipientName={name} onClose={close} />
      <OpenDoorDialog opened={dialog === 'door'} recipient={{ id: recipient.id, name }} onClose={close} />
    </>
  );
}

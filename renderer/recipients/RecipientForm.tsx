import { Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { api, isLanguage, languages, type Language, type NotifyVia, type Recipient } from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { languageOptions, useTranslation } from '../i18n';
import type { RecipientChanges } from './useRecipients';

type Values = Record<'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'language' | 'packageNotices', string>;

/** The Language field's choice for "follow the site language" (stored as null). */
const followSite = 'site';
/** The Package notices field's choice for "every channel on file" (stored as null). */
const everyChannel = 'all';
const noticeChannels: readonly NotifyVia[] = ['email', 'sms', 'both'];
const asNotifyVia = (value: string): NotifyVia | null => noticeChannels.find((c) => c === value) ?? null;

const fromRecipient = (r: Recipient | null): Values => ({
  firstName: r?.firstName ?? '',
  lastName: r?.lastName ?? '',
  unit: r?.unit ?? '',
  email: r?.email ?? '',
  phone: r?.phone ?? '',
  language: r?.language ?? followSite,
  packageNotices: r?.packageNotices ?? everyChannel,
});

interface Props {
  opened: boolean;
  /** null adds a new recipient. */
  recipient: Recipient | null;
  siteLanguage: Language;
  onClose: () => void;
  /** Adds or changes the recipient (see useRecipients); a refusal shows on the form. */
  onSave: (changes: RecipientChanges) => Promise<Recipient>;
  onSaved: (r: Recipient) => void;
}

export function RecipientForm({ opened, recipient, siteLanguage, onClose, onSave, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={recipient ? t('recipients.form.editTitle') : t('recipients.form.addTitle')} size="lg">
      {/* Mounted only while open, so every opening starts from the recipient as it is now. */}
      {opened && <RecipientFields recipient={recipient} siteLanguage={siteLanguage} onClose={onClose} onSave={onSave} onSaved={onSaved} />}
    </Modal>
  );
}

function RecipientFields({ recipient, siteLanguage, onClose, onSave, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['recipients.create'].input,
    initialValues: fromRecipient(recipient),
    toInput: (values: Values) => ({
      ...values,
      language: isLanguage(values.language) ? values.language : null,
      packageNotices: asNotifyVia(values.packageNotices),
    }),
    onSubmit: async (input) => onSaved(await onSave(input)),
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <Group grow>
          <TextInput label={t('recipients.firstName')} required {...form.getInputProps('firstName')} data-autofocus />
          <TextInput label={t('recipients.lastName')} required {...form.getInputProps('lastName')} />
        </Group>
        <TextInput label={t('recipients.unit')} required {...form.getInputProps('unit')} w={160} />
        <TextInput label={t('recipients.email')} type="email" {...form.getInputProps('email')} />
        <TextInput label={t('recipients.phone')} description={t('recipients.form.phoneHint')} type="tel" {...form.getInputProps('phone')} />
        <Select
          label={t('recipients.language')}
          description={t('recipients.form.languageHint')}
          allowDeselect={false}
          data={[
            { value: followSite, label: t('recipients.form.siteLanguage', { language: languages[siteLanguage] }) },
            ...languageOptions(),
          ]}
          {...form.getInputProps('language')}
          comboboxProps={{ withinPortal: true }}
          w={320}
        />
        <Select
          label={t('recipients.packageNotices')}
          description={t('recipients.form.packageNoticesHint')}
          allowDeselect={false}
          data={[
            { value: everyChannel, label: t('recipients.packageNoticesVia.all') },
            ...noticeChannels.map((c) => ({ value: c, label: t(`recipients.packageNoticesVia.${c}`) })),
          ]}
          {...form.getInputProps('packageNotices')}
          comboboxProps={{ withinPortal: true }}
          w={320}
        />
        <DialogActions label={recipient ? t('recipients.form.save') : t('recipients.form.add')} busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

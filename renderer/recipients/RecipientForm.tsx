import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isLanguage, languages, type Language, type NotifyVia, type Recipient } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { languageOptions, useTranslation } from '../i18n';

const fields = ['firstName', 'lastName', 'unit', 'email', 'phone', 'language', 'packageNotices'] as const;
type Values = Record<(typeof fields)[number], string>;

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
  onSaved: (r: Recipient) => void;
}

export function RecipientForm({ opened, recipient, siteLanguage, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={recipient ? t('recipients.form.editTitle') : t('recipients.form.addTitle')} size="lg">
      {/* Mounted only while open, so every opening starts from the recipient as it is now. */}
      {opened && <RecipientFields recipient={recipient} siteLanguage={siteLanguage} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function RecipientFields({ recipient, siteLanguage, onClose, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(fromRecipient(recipient));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof Values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const input = {
      ...values,
      language: isLanguage(values.language) ? values.language : null,
      packageNotices: asNotifyVia(values.packageNotices),
    };
    try {
      onSaved(recipient ? await invoke('recipients.update', { id: recipient.id, ...input }) : await invoke('recipients.create', input));
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <Group grow>
          <TextInput
            label={t('recipients.firstName')}
            required
            value={values.firstName}
            onChange={set('firstName')}
            error={errors.firstName}
            data-autofocus
          />
          <TextInput label={t('recipients.lastName')} required value={values.lastName} onChange={set('lastName')} error={errors.lastName} />
        </Group>
        <TextInput label={t('recipients.unit')} required value={values.unit} onChange={set('unit')} error={errors.unit} w={160} />
        <TextInput label={t('recipients.email')} type="email" value={values.email} onChange={set('email')} error={errors.email} />
        <TextInput
          label={t('recipients.phone')}
          description={t('recipients.form.phoneHint')}
          type="tel"
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
        />
        <Select
          label={t('recipients.language')}
          description={t('recipients.form.languageHint')}
          allowDeselect={false}
          data={[
            { value: followSite, label: t('recipients.form.siteLanguage', { language: languages[siteLanguage] }) },
            ...languageOptions(),
          ]}
          value={values.language}
          onChange={(v) => v && setValues((current) => ({ ...current, language: v }))}
          error={errors.language}
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
          value={values.packageNotices}
          onChange={(v) => v && setValues((current) => ({ ...current, packageNotices: v }))}
          error={errors.packageNotices}
          comboboxProps={{ withinPortal: true }}
          w={320}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {recipient ? t('recipients.form.save') : t('recipients.form.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

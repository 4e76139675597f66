import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import {
  api,
  duplicateOf,
  isLanguage,
  languages,
  type Language,
  type NotifyVia,
  type Recipient,
  type RecipientMatch,
} from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePhoneFormat } from '../components/usePhoneFormat';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { errorText, languageOptions, useTranslation } from '../i18n';
import type { RecipientChanges } from './useRecipients';

type Values = Record<'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'language' | 'packageNotices', string>;

/** The Language field's choice for "follow the site language" (stored as null). */
const followSite = 'site';
/** The Package notices field's choice for "every channel on file" (stored as null). */
const everyChannel = 'all';
const noticeChannels: readonly NotifyVia[] = ['email', 'sms', 'both'];
const asNotifyVia = (value: string): NotifyVia | null => noticeChannels.find((c) => c === value) ?? null;

const fromRecipient = (r: Recipient | null, phone: (e164: string) => string): Values => ({
  firstName: r?.firstName ?? '',
  lastName: r?.lastName ?? '',
  unit: r?.unit ?? '',
  email: r?.email ?? '',
  // As people write it: the core reads it back to the same stored number.
  phone: r?.phone ? phone(r.phone) : '',
  language: r?.language ?? followSite,
  packageNotices: r?.packageNotices ?? everyChannel,
});

interface Props {
  opened: boolean;
  /** null adds a new recipient. */
  recipient: Recipient | null;
  siteLanguage: Language;
  onClose: () => void;
  /**
   * Adds or changes the recipient (see useRecipients); a refusal shows on the form. A new recipient who would
   * duplicate an active one is refused with the match, and sent again with `addAnyway` if staff say so.
   */
  onSave: (changes: RecipientChanges, addAnyway?: boolean) => Promise<Recipient>;
  onSaved: (r: Recipient) => void;
  /** Opens a recipient already there (the match of a duplicate) instead of adding one: for a form that adds. */
  onOpen?: (id: number) => void;
}

export function RecipientForm({ opened, recipient, siteLanguage, onClose, onSave, onSaved, onOpen }: Props) {
  const { t } = useTranslation();
  // Asked while the form is closed, so the site's country is there when it opens with a phone number.
  const phone = usePhoneFormat();
  return (
    <Modal opened={opened} onClose={onClose} title={recipient ? t('recipients.form.editTitle') : t('recipients.form.addTitle')} size="lg">
      {/* Mounted only while open, so every opening starts from the recipient as it is now. */}
      {opened && (
        <RecipientFields
          recipient={recipient}
          siteLanguage={siteLanguage}
          phone={phone}
          onClose={onClose}
          onSave={onSave}
          onSaved={onSaved}
          onOpen={onOpen}
        />
      )}
    </Modal>
  );
}

/** The form's question when the new recipient looks like one already there, with what was about to be added. */
interface Duplicate {
  match: RecipientMatch;
  refusal: Error;
  changes: RecipientChanges;
}

interface FieldsProps extends Omit<Props, 'opened'> {
  /** A stored number as people write it at this site (usePhoneFormat). */
  phone: (e164: string) => string;
}

function RecipientFields({ recipient, siteLanguage, phone, onClose, onSave, onSaved, onOpen }: FieldsProps) {
  const { t } = useTranslation();
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const { form, submit, busy, formError, fail } = usePackroomForm({
    schema: api['recipients.create'].input,
    initialValues: fromRecipient(recipient, phone),
    toInput: (values: Values) => ({
      ...values,
      language: isLanguage(values.language) ? values.language : null,
      packageNotices: asNotifyVia(values.packageNotices),
    }),
    onSubmit: async (input) => {
      try {
        onSaved(await onSave(input));
      } catch (error) {
        const match = duplicateOf(error);
        if (!match) throw error;
        setDuplicate({ match, refusal: error as Error, changes: input });
      }
    },
  });

  if (duplicate) {
    return (
      <DuplicateQuestion
        duplicate={duplicate}
        onOpen={() => onOpen?.(duplicate.match.id)}
        onAddAnyway={async () => {
          try {
            onSaved(await onSave(duplicate.changes, true));
          } catch (error) {
            // Back on the form, on the field at fault or above it, as a refusal of the first try would be.
            setDuplicate(null);
            fail(error);
          }
        }}
        onBack={() => setDuplicate(null)}
      />
    );
  }

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

interface QuestionProps {
  duplicate: Duplicate;
  onOpen: () => void;
  onAddAnyway: () => Promise<void>;
  onBack: () => void;
}

/** "Ruth O'Neill, 7C already exists": open her, or add another person with the same name (or phone, or email). */
function DuplicateQuestion({ duplicate, onOpen, onAddAnyway, onBack }: QuestionProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const { match } = duplicate;
  return (
    <Stack>
      <Alert color="yellow" icon={<IconUsers aria-hidden />} title={errorText(duplicate.refusal)} role="alert">
        {t('recipients.form.duplicate.question')}
      </Alert>
      {/* The question replaces the form: focus moves to it, on the choice that adds nobody. */}
      <Button onClick={onOpen} autoFocus fullWidth>
        {t('recipients.form.duplicate.open', { name: match.name })}
      </Button>
      <Button
        variant="light"
        fullWidth
        loading={adding}
        onClick={() => {
          setAdding(true);
          void onAddAnyway();
        }}
      >
        {t(`recipients.form.duplicate.addAnyway.${match.kind}`)}
      </Button>
      <Group>
        <Button variant="subtle" onClick={onBack}>
          {t('recipients.form.duplicate.back')}
        </Button>
      </Group>
    </Stack>
  );
}

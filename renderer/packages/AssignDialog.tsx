import { Badge, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { api, type PackageItem, type RecipientSummary } from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { personLabel } from './labels';
import { ReadingSummary } from './Unmatched';
import { packageCalls } from './usePackages';

interface Props {
  item: PackageItem;
  onClose: () => void;
  onDone: () => void;
}

/** The choice that opens the roster search instead of a candidate. */
const searchChoice = 'search';

interface Values extends Record<string, unknown> {
  /** A candidate's id (as text, a radio's value), or `search`. */
  recipientId: string;
  other: RecipientSummary | null;
}

/**
 * Assign an unmatched package: the label's candidates first (a radio group, so the arrow keys move between them),
 * then "Someone else", which searches the roster. The recipient is told as when a package is logged for them.
 */
export function AssignDialog({ item, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const candidates = item.putAside?.candidates.filter((c) => c.recipient.active) ?? [];
  const first = candidates[0];
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['packages.assign'].input,
    initialValues: { recipientId: first ? String(first.recipient.id) : searchChoice, other: null } as Values,
    toInput: ({ recipientId, other }: Values) => {
      const chosen = recipientId === searchChoice ? other?.id : Number(recipientId);
      // Left out when nobody is chosen yet, so the schema asks for a recipient.
      return { id: item.id, ...(chosen !== undefined && { recipientId: chosen }) };
    },
    onSubmit: async (input) => {
      await packageCalls.assign(input);
      onDone();
    },
  });
  const values = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('packages.unmatched.assignTitle', { tracking: item.tracking })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('packages.unmatched.assignItem', { tracking: item.tracking, carrier: item.carrierLabel })}</Text>
          {item.putAside && <ReadingSummary putAside={item.putAside} candidates={false} />}
          <Radio.Group label={t('packages.unmatched.who')} {...form.getInputProps('recipientId')}>
            <Stack gap="xs" mt="xs">
              {candidates.map((c, i) => (
                <Radio
                  key={c.recipient.id}
                  value={String(c.recipient.id)}
                  data-autofocus={i === 0 || undefined}
                  label={
                    <Group gap={6}>
                      <Text size="sm">{personLabel(c.recipient)}</Text>
                      {c.why.map((why) => (
                        <Badge key={why} size="xs" variant="outline" color={why === 'unitDiffers' || why === 'typo' ? 'orange' : 'gray'}>
                          {t(`packages.unmatched.why.${why}`)}
                        </Badge>
                      ))}
                    </Group>
                  }
                />
              ))}
              <Radio
                value={searchChoice}
                label={t('packages.unmatched.someoneElse')}
                data-autofocus={candidates.length === 0 || undefined}
              />
            </Stack>
          </Radio.Group>
          {values.recipientId === searchChoice && <RecipientPicker value={values.other} onChange={(r) => form.setFieldValue('other', r)} />}
          <Text size="xs" c="dimmed">
            {t('packages.unmatched.notice')}
          </Text>
          <ErrorAlert error={formError} />
          <DialogActions label={t('packages.unmatched.assignSubmit')} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

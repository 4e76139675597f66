import { Card, Select, Stack, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isLanguage, languages, type Language, type SessionInfo } from '../../src/contract';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { ErrorAlert } from '../components/ErrorText';
import { SaveRow } from '../components/form/SaveRow';
import { languageOptions, useTranslation } from '../i18n';
import { useMyAccount } from './useMyAccount';

const followSite = 'site';

interface Props {
  session: SessionInfo;
  siteLanguage: Language;
  onSaved: (session: SessionInfo) => void;
}

/** The signed-in staff member's own screen language (or the site's), and their password. */
export function MyAccountForm({ session, siteLanguage, onSaved }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<string>(session.language ?? followSite);
  const { saveLanguage, busy, error, saved } = useMyAccount(onSaved);

  function submit(event: FormEvent) {
    event.preventDefault();
    void saveLanguage(isLanguage(choice) ? choice : null);
  }

  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} />
          <Select
            label={t('settings.account.language')}
            description={t('settings.account.languageHint')}
            allowDeselect={false}
            data={[
              { value: followSite, label: t('settings.account.followSite', { language: languages[siteLanguage] }) },
              ...languageOptions(),
            ]}
            value={choice}
            onChange={(v) => v && setChoice(v)}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <SaveRow busy={busy} label={t('settings.account.save')} saved={saved} savedLabel={t('settings.account.saved')} />
        </Stack>
      </form>
      <Title order={4}>{t('settings.account.passwordTitle')}</Title>
      <ChangePasswordForm submitLabel={t('settings.account.changePassword')} onChanged={onSaved} />
    </Stack>
  );
}

/** Settings → My account. */
export function MyAccountCard(props: Props) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="settings-my-account">
      <Stack>
        <Title order={3} id="settings-my-account">
          {t('settings.account.title')}
        </Title>
        <MyAccountForm {...props} />
      </Stack>
    </Card>
  );
}

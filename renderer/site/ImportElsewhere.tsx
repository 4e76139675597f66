import { Alert } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import type { RosterStatus } from '../../src/contract';
import { useTranslation } from '../i18n';

/**
 * On a node of a site that does not run the site's daily roster import: which node does, that the daily import does
 * not run here, and why an import by hand here is for when that node cannot (a warning, not a refusal).
 */
export function ImportElsewhere({ elsewhere }: { elsewhere: RosterStatus['schedule']['elsewhere'] }) {
  const { t } = useTranslation();
  if (!elsewhere) return null;
  return (
    <Alert color="yellow" icon={<IconBuildingCommunity aria-hidden />} title={t('site.roster.title')}>
      {elsewhere.node ? t('site.roster.named', { node: elsewhere.node }) : t('site.roster.first')} {t('site.roster.byHand')}
    </Alert>
  );
}

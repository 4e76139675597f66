import init from './0001_init.sql';
import access from './0002_access.sql';
import roster from './0003_roster.sql';
import carrierCodes from './0004_carrier_codes.sql';
import doorState from './0005_door_state.sql';
import packages from './0006_packages.sql';
import backupsAuditChain from './0007_backups_audit_chain.sql';
import languages from './0008_languages.sql';
import rosterImport from './0009_roster_import.sql';
import packageNoticeChannels from './0010_package_notice_channels.sql';
import outboxSentences from './0011_outbox_sentences.sql';
import rosterRunSentences from './0012_roster_run_sentences.sql';
import backupRunSentences from './0013_backup_run_sentences.sql';
import alertSentences from './0014_alert_sentences.sql';
import sync from './0015_sync.sql';
import recipientsByEmail from './0016_recipients_by_email.sql';
import syncEntities from './0017_sync_entities.sql';
import syncAccess from './0018_sync_access.sql';
import syncPackages from './0019_sync_packages.sql';
import syncShared from './0020_sync_shared.sql';
import syncJoin from './0021_sync_join.sql';
import rosterNode from './0022_roster_node.sql';
import unmatched from './0023_unmatched.sql';
import attachments from './0024_attachments.sql';
import holds from './0025_holds.sql';
import proxies from './0026_proxies.sql';
import shelfLabels from './0027_shelf_labels.sql';
import syncCodes from './0028_sync_codes.sql';

/** Ordered; a migration's version is its position + 1 and is recorded in PRAGMA user_version. */
export const migrations: readonly { name: string; sql: string }[] = [
  { name: '0001_init', sql: init },
  { name: '0002_access', sql: access },
  { name: '0003_roster', sql: roster },
  { name: '0004_carrier_codes', sql: carrierCodes },
  { name: '0005_door_state', sql: doorState },
  { name: '0006_packages', sql: packages },
  { name: '0007_backups_audit_chain', sql: backupsAuditChain },
  { name: '0008_languages', sql: languages },
  { name: '0009_roster_import', sql: rosterImport },
  { name: '0010_package_notice_channels', sql: packageNoticeChannels },
  { name: '0011_outbox_sentences', sql: outboxSentences },
  { name: '0012_roster_run_sentences', sql: rosterRunSentences },
  { name: '0013_backup_run_sentences', sql: backupRunSentences },
  { name: '0014_alert_sentences', sql: alertSentences },
  { name: '0015_sync', sql: sync },
  { name: '0016_recipients_by_email', sql: recipientsByEmail },
  { name: '0017_sync_entities', sql: syncEntities },
  { name: '0018_sync_access', sql: syncAccess },
  { name: '0019_sync_packages', sql: syncPackages },
  { name: '0020_sync_shared', sql: syncShared },
  { name: '0021_sync_join', sql: syncJoin },
  { name: '0022_roster_node', sql: rosterNode },
  { name: '0023_unmatched', sql: unmatched },
  { name: '0024_attachments', sql: attachments },
  { name: '0025_holds', sql: holds },
  { name: '0026_proxies', sql: proxies },
  { name: '0027_shelf_labels', sql: shelfLabels },
  { name: '0028_sync_codes', sql: syncCodes },
];

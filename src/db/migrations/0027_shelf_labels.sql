-- Shelf labels (issue 22): the label size of this PC's printer and intake's "Print shelf label" are one PC's settings
-- (src/domain/sync/settings.ts, localSettingKeys): the site's settings triggers of 0020 learn the three new keys,
-- with the list otherwise as it was (test/integration/syncShared.test.ts holds the two lists equal).
DROP TRIGGER settings_sync_insert;
DROP TRIGGER settings_sync_update;

CREATE TRIGGER settings_sync_insert AFTER INSERT ON settings
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
  AND new.key NOT IN ('devices.assignments', 'doorPulseSeconds', 'importFolder', 'importTime', 'importScheduleEnabled',
    'backupFolder', 'backupTime', 'backupKeep', 'labelSize', 'labelPrintOnIntake', 'backup.siteId', 'dataKey.check')
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'settings', '00000000000000000000000000000000', json_object(new.key, new.value) FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin) SELECT '00000000000000000000000000000000', new.key, n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;

CREATE TRIGGER settings_sync_update AFTER UPDATE ON settings
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node) AND old.value IS NOT new.value
  AND new.key NOT IN ('devices.assignments', 'doorPulseSeconds', 'importFolder', 'importTime', 'importScheduleEnabled',
    'backupFolder', 'backupTime', 'backupKeep', 'labelSize', 'labelPrintOnIntake', 'backup.siteId', 'dataKey.check')
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'settings', '00000000000000000000000000000000', json_object(new.key, new.value) FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin) SELECT '00000000000000000000000000000000', new.key, n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;

-- A PIN and a carrier code with one number, made at two nodes of a site that did not know each other: the sync rule
-- keeps the earlier and revokes the later on every node (src/sync/entities/carrierCode.ts). The later one reaches
-- some nodes after the earlier, and must be stored there, revoked: the insert triggers of 0004 refused any row equal
-- to an active one of the other kind, whatever its own status. They now refuse only a row that is itself active,
-- which is what the keypad cannot tell apart.
DROP TRIGGER carrier_codes_not_a_pin;
CREATE TRIGGER carrier_codes_not_a_pin BEFORE INSERT ON carrier_codes
WHEN NEW.status = 'active' AND EXISTS (SELECT 1 FROM access_keys WHERE pin_hash = NEW.pin_hash AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'carrier code equals an active PIN');
END;

DROP TRIGGER access_keys_not_a_carrier_code;
CREATE TRIGGER access_keys_not_a_carrier_code BEFORE INSERT ON access_keys
WHEN NEW.status = 'active' AND EXISTS (SELECT 1 FROM carrier_codes WHERE pin_hash = NEW.pin_hash AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'PIN equals an active carrier code');
END;

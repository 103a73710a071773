"""The register's rules in the database, and every unit of an external sector entered in it.

Two triggers keep what a check constraint cannot see across rows: an organisation's unit is in an external sector
(and its unit cannot be moved into a city sector, nor its sector become one), and a parent organisation acts more
widely than its members (local < regional < national), which also rules out loops. The units of external sectors
that existed before the register become organisations of kind "other" at the local level, with their unit as it
was: participations, fundings and bookings stay on the units, so no indicator value changes.
"""

from django.db import migrations

LEVEL_RANK = "CASE {level} WHEN 'local' THEN 0 WHEN 'regional' THEN 1 ELSE 2 END"

RULES = f"""
CREATE FUNCTION organisations_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'organisations_organisation' THEN
        IF NOT EXISTS (
            SELECT 1 FROM sectors_unit u JOIN sectors_sector s ON s.id = u.sector_id
            WHERE u.id = NEW.unit_id AND s.kind = 'external'
        ) THEN
            RAISE EXCEPTION 'organisation % must belong to an external sector', NEW.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'organisations_in_external_sector';
        END IF;
        IF NEW.parent_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM organisations_organisation p
            WHERE p.id = NEW.parent_id AND {LEVEL_RANK.format(level="p.level")} > {LEVEL_RANK.format(level="NEW.level")}
        ) THEN
            RAISE EXCEPTION 'the parent of organisation % must act more widely', NEW.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'organisations_parent_wider';
        END IF;
        IF EXISTS (
            SELECT 1 FROM organisations_organisation m
            WHERE m.parent_id = NEW.id AND {LEVEL_RANK.format(level="m.level")} >= {LEVEL_RANK.format(level="NEW.level")}
        ) THEN
            RAISE EXCEPTION 'organisation % must act more widely than its members', NEW.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'organisations_parent_wider';
        END IF;
    ELSIF TG_TABLE_NAME = 'sectors_unit' THEN
        IF EXISTS (
            SELECT 1 FROM organisations_organisation o JOIN sectors_sector s ON s.id = NEW.sector_id
            WHERE o.unit_id = NEW.id AND s.kind <> 'external'
        ) THEN
            RAISE EXCEPTION 'unit % is an organisation and stays in an external sector', NEW.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'organisations_in_external_sector';
        END IF;
    ELSIF NEW.kind <> 'external' AND EXISTS (
        SELECT 1 FROM organisations_organisation o JOIN sectors_unit u ON u.id = o.unit_id WHERE u.sector_id = NEW.id
    ) THEN
        RAISE EXCEPTION 'sector % has organisations and stays external', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'organisations_in_external_sector';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER organisations_rules AFTER INSERT OR UPDATE OF unit_id, level, parent_id
    ON organisations_organisation DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION organisations_rules();
CREATE CONSTRAINT TRIGGER organisations_unit_rules AFTER UPDATE OF sector_id ON sectors_unit
    DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION organisations_rules();
CREATE CONSTRAINT TRIGGER organisations_sector_rules AFTER UPDATE OF kind ON sectors_sector
    DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION organisations_rules();
"""

UNDO_RULES = """
DROP TRIGGER organisations_sector_rules ON sectors_sector;
DROP TRIGGER organisations_unit_rules ON sectors_unit;
DROP TRIGGER organisations_rules ON organisations_organisation;
DROP FUNCTION organisations_rules();
"""

# Straight in SQL: the historical model of a migration has no history manager, and rows need no history here.
EXTERNAL_UNITS = """
INSERT INTO organisations_organisation (unit_id, business_id, kind, level, languages, website, description)
SELECT u.id, '', 'other', 'local', '{}', '', ''
FROM sectors_unit u JOIN sectors_sector s ON s.id = u.sector_id
WHERE s.kind = 'external' AND NOT EXISTS (SELECT 1 FROM organisations_organisation o WHERE o.unit_id = u.id)
"""


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial"), ("sectors", "0011_person_erasure")]

    operations = [
        migrations.RunSQL(RULES, UNDO_RULES),
        migrations.RunSQL(EXTERNAL_UNITS, "DELETE FROM organisations_organisation"),
    ]

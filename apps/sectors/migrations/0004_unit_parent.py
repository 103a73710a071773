"""Units form a tree inside their sector; the database keeps it one.

The check (not its own parent) and the unique (id, sector_id) are Django constraints. Two guards Django cannot
express are SQL here:
- the foreign key (parent_id, sector_id) → (id, sector_id): a parent is in its child's sector, and a unit with
  sub-units cannot leave their sector (a CheckConstraint cannot look at another row);
- a constraint trigger that refuses a cycle (a unit under its own sub-unit). It takes a per-sector advisory lock
  first, so two concurrent moves that would close a loop together run one after the other and the second sees
  the first.
Both are DEFERRABLE INITIALLY IMMEDIATE: a write fails at once, while loaddata (which defers every deferrable
constraint) can load a child before its parent.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sectors", "0003_translated_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                help_text="The unit this one belongs to, in the same sector; empty for a unit at the top of its sector.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="sectors.unit",
                verbose_name="parent unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("parent__isnull", True), models.Q(("parent", models.F("pk")), _negated=True), _connector="OR"
                ),
                name="sectors_unit_not_own_parent",
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(fields=("id", "sector"), name="sectors_unit_unique_id_sector"),
        ),
        migrations.RunSQL(
            sql="""
                ALTER TABLE sectors_unit ADD CONSTRAINT sectors_unit_parent_in_sector
                    FOREIGN KEY (parent_id, sector_id) REFERENCES sectors_unit (id, sector_id)
                    DEFERRABLE INITIALLY IMMEDIATE;
            """,
            reverse_sql="ALTER TABLE sectors_unit DROP CONSTRAINT sectors_unit_parent_in_sector;",
        ),
        migrations.RunSQL(
            sql="""
                CREATE FUNCTION sectors_unit_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.parent_id IS NULL THEN
                        RETURN NULL;
                    END IF;
                    PERFORM pg_advisory_xact_lock(hashtextextended('sectors_unit_tree:' || NEW.sector_id, 0));
                    IF EXISTS (
                        WITH RECURSIVE up(id, parent_id) AS (
                            SELECT id, parent_id FROM sectors_unit WHERE id = NEW.parent_id
                            UNION
                            SELECT u.id, u.parent_id FROM sectors_unit u JOIN up ON u.id = up.parent_id
                        )
                        SELECT 1 FROM up WHERE id = NEW.id
                    ) THEN
                        RAISE EXCEPTION 'unit % cannot be placed under its own sub-unit %', NEW.id, NEW.parent_id
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'sectors_unit_no_cycle';
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE CONSTRAINT TRIGGER sectors_unit_no_cycle
                    AFTER INSERT OR UPDATE OF parent_id ON sectors_unit
                    DEFERRABLE INITIALLY IMMEDIATE
                    FOR EACH ROW EXECUTE FUNCTION sectors_unit_no_cycle();
            """,
            reverse_sql="""
                DROP TRIGGER sectors_unit_no_cycle ON sectors_unit;
                DROP FUNCTION sectors_unit_no_cycle();
            """,
        ),
    ]

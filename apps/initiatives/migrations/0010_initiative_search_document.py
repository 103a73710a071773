"""The initiatives' full-text search document, kept by the database (issue 19: the ILIKE search over four joins took
2.3 s of SQL per request on 100,000 initiatives).

A column ``search`` of the initiatives' table that the model does not declare (GIN index);
``initiatives_search_document`` puts together the title, the names of the units taking part and of the themes (in
every language's column) and the description (its first 20,000 characters: a tsvector holds at most 1 MB), and
indexes them in PostgreSQL's Finnish, Swedish and simple configurations (apps.core.search.FULL_TEXT_CONFIGS). A row
trigger writes it when an initiative's title or description is written; statement triggers (transition tables, so
a bulk insert of participations is one update) when participations or themes are linked or unlinked and when a
unit or a theme is renamed. The backfill writes it for the existing rows. The names of the translated columns are
those of settings.LANGUAGES (fi, sv, en): a new language needs a new version of these functions.
"""

from django.db import migrations

NAMES = "concat_ws(' ', {t}.name, NULLIF({t}.name_fi, {t}.name), NULLIF({t}.name_sv, {t}.name), NULLIF({t}.name_en, {t}.name))"

FUNCTIONS = f"""
ALTER TABLE initiatives_initiative ADD COLUMN search tsvector;

CREATE FUNCTION initiatives_search_document(initiative bigint, title text, description text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('finnish', document) || to_tsvector('swedish', document) || to_tsvector('simple', document)
    FROM (
        SELECT concat_ws(
            ' ',
            title,
            (SELECT string_agg({NAMES.format(t="u")}, ' ')
               FROM initiatives_participation p JOIN sectors_unit u ON u.id = p.unit_id
              WHERE p.initiative_id = initiative),
            (SELECT string_agg({NAMES.format(t="t")}, ' ')
               FROM initiatives_initiative_themes it JOIN initiatives_theme t ON t.id = it.theme_id
              WHERE it.initiative_id = initiative),
            left(description, 20000)
        ) AS document
    ) AS text_of_initiative
$$;

-- Whoever writes the title or the description (a save, the admin, an import, SQL) writes the document with them.
CREATE FUNCTION initiatives_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := initiatives_search_document(NEW.id, NEW.title, NEW.description);
    RETURN NEW;
END
$$;
CREATE TRIGGER initiatives_search_row BEFORE INSERT OR UPDATE OF title, description
    ON initiatives_initiative FOR EACH ROW EXECUTE FUNCTION initiatives_search_row();

-- The documents of some initiatives written again (the row trigger does not fire: neither column is written).
CREATE FUNCTION initiatives_search_refresh(initiatives bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE initiatives_initiative SET search = initiatives_search_document(id, title, description)
     WHERE id = ANY (initiatives)
$$;

-- Participations and theme links: the initiatives whose rows came or went (both tables have initiative_id).
CREATE FUNCTION initiatives_search_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM initiatives_search_refresh(ARRAY(SELECT initiative_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM initiatives_search_refresh(ARRAY(SELECT initiative_id FROM old_rows));
    ELSE
        PERFORM initiatives_search_refresh(
            ARRAY(SELECT initiative_id FROM new_rows UNION SELECT initiative_id FROM old_rows)
        );
    END IF;
    RETURN NULL;
END
$$;

-- A renamed unit or theme: the initiatives it takes part in or that have it.
CREATE FUNCTION initiatives_search_unit_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM initiatives_search_refresh(ARRAY(
        SELECT p.initiative_id
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN initiatives_participation p ON p.unit_id = n.id
         WHERE (n.name, n.name_fi, n.name_sv, n.name_en) IS DISTINCT FROM (o.name, o.name_fi, o.name_sv, o.name_en)
    ));
    RETURN NULL;
END
$$;
CREATE FUNCTION initiatives_search_theme_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM initiatives_search_refresh(ARRAY(
        SELECT it.initiative_id
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN initiatives_initiative_themes it ON it.theme_id = n.id
         WHERE (n.name, n.name_fi, n.name_sv, n.name_en) IS DISTINCT FROM (o.name, o.name_fi, o.name_sv, o.name_en)
    ));
    RETURN NULL;
END
$$;
"""

# A trigger with transition tables takes one event (and no column list), hence one trigger per event.
LINK_TRIGGERS = "\n".join(
    f"CREATE TRIGGER initiatives_search_{table}_{event.lower()} AFTER {event} ON initiatives_{table} "
    f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION initiatives_search_links_changed();"
    for table in ("participation", "initiative_themes")
    for event, transition in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
        ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"),
    )
)
RENAME_TRIGGERS = """
CREATE TRIGGER initiatives_search_unit_renamed AFTER UPDATE ON sectors_unit
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION initiatives_search_unit_renamed();
CREATE TRIGGER initiatives_search_theme_renamed AFTER UPDATE ON initiatives_theme
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION initiatives_search_theme_renamed();
"""
BACKFILL = """
UPDATE initiatives_initiative SET search = initiatives_search_document(id, title, description);
-- After the backfill: the index is built once, not row by row; statistics at once for the planner.
CREATE INDEX initiatives_search_idx ON initiatives_initiative USING gin (search);
ANALYZE initiatives_initiative;
"""

DROP = (
    """
DROP TRIGGER initiatives_search_unit_renamed ON sectors_unit;
DROP TRIGGER initiatives_search_theme_renamed ON initiatives_theme;
DROP TRIGGER initiatives_search_row ON initiatives_initiative;
"""
    + "\n".join(
        f"DROP TRIGGER initiatives_search_{table}_{event} ON initiatives_{table};"
        for table in ("participation", "initiative_themes")
        for event in ("insert", "delete", "update")
    )
    + """
DROP FUNCTION initiatives_search_unit_renamed();
DROP FUNCTION initiatives_search_theme_renamed();
DROP FUNCTION initiatives_search_links_changed();
DROP FUNCTION initiatives_search_row();
DROP FUNCTION initiatives_search_refresh(bigint[]);
DROP FUNCTION initiatives_search_document(bigint, text, text);
DROP INDEX initiatives_search_idx;
ALTER TABLE initiatives_initiative DROP COLUMN search;
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0009_outcome_numbers_and_initiative_weight"),
        ("sectors", "0011_person_erasure"),
    ]

    operations = [
        # The column is not a field of the model (see Initiative): SQL alone, invisible to the model's state.
        migrations.RunSQL(
            FUNCTIONS + LINK_TRIGGERS + RENAME_TRIGGERS + BACKFILL,
            reverse_sql=DROP,
            elidable=False,
        ),
    ]

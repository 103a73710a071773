"""Spreadsheet import, the parts every kind of import shares: reading a CSV or Excel file safely (:mod:`.reader`),
reading its cells as Finnish Excel writes them (:mod:`.cells`), the import kinds the feature apps register and the
run that previews or writes one (:mod:`.kinds`), and the template to fill in (:mod:`.template`)."""

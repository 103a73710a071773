"""Swedish as written in Finland (Finlandssvenska): dates as 1.12.2026, not Sweden's 2026-12-01.

Django's ``sv`` formats are Sweden's; FORMAT_MODULE_PATH (config/settings/base.py) puts these first, and Django
takes anything not named here from its own ``sv`` module.
"""

DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j.n.Y H:i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
MONTH_DAY_FORMAT = "j.n."
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '1.12.2026'
    "%d.%m.%y",  # '1.12.26'
    "%Y-%m-%d",  # '2026-12-01', as date fields send it
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",  # '1.12.2026 14:30'
    "%d.%m.%Y %H.%M",  # '1.12.2026 14.30'
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

"""English as a Finnish city uses it: day before month, never the US 12/01/2026 that reads as 12 January.

Django's ``en`` formats are American; FORMAT_MODULE_PATH (config/settings/base.py) puts these first, and Django
takes anything not named here from its own ``en`` module.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '1.12.2026'
    "%d/%m/%Y",  # '1/12/2026'
    "%Y-%m-%d",  # '2026-12-01', as date fields send it
    "%d %b %Y",  # '1 Dec 2026'
    "%d %B %Y",  # '1 December 2026'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

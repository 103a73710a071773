"""The roles of Silta. Each is a Django group, created by a data migration."""

from enum import StrEnum


class Role(StrEnum):
    OFFICIAL = "official"
    PROGRAMME_LEAD = "programme_lead"
    PREMISES_MANAGER = "premises_manager"
    MANAGER = "manager"
    ADMIN = "admin"

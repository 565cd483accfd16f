"""One module per procedure family; each exposes functions ``(ctx) -> list[Option]``."""

from __future__ import annotations

from zairyu.rules.procedures.permanent import permanent_residence
from zairyu.rules.procedures.protection import (
    complementary_protection,
    departure_order,
    provisional_stay,
    refugee_recognition,
    refugee_review_request,
    refugee_travel_document,
    special_permission_to_stay,
)
from zairyu.rules.procedures.residence import (
    acquisition_of_status,
    certificate_of_eligibility,
    change_of_status,
    extension_of_stay,
)
from zairyu.rules.procedures.travel import re_entry

RULES = (
    change_of_status, extension_of_stay, certificate_of_eligibility, permanent_residence, acquisition_of_status,
    re_entry, refugee_recognition, complementary_protection, refugee_review_request, provisional_stay,
    refugee_travel_document, special_permission_to_stay, departure_order,
)

__all__ = ["RULES"]

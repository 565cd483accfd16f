"""Assessment rules: what a person can do next, with verdicts, reasons and the law behind each."""

from __future__ import annotations

from zairyu.rules.assess import assess
from zairyu.rules.model import Assessment, Option, Requirement

__all__ = ["Assessment", "Option", "Requirement", "assess"]

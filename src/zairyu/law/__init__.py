"""The law as data: statuses of residence, periods of stay, fees, procedures and special measures,
each dated and cited. Entry point: :func:`zairyu.law.catalogue.catalogue`."""

from zairyu.law.catalogue import LawView, StatusView, catalogue

__all__ = ["LawView", "StatusView", "catalogue"]

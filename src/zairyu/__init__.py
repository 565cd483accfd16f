"""zairyu (在留): Japan's residence-status law as dated, cited data, with the calendar of a stay,
assessment of a person's options, a case manager and a web application."""

__version__ = "0.1.0"

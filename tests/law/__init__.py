"""Tests of the law as data (statuses, periods, fees) and its commands."""

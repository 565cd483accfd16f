"""The calendar of a stay: period arithmetic, the administrative calendar and every deadline."""

"""The precedent register: publicly reported decisions, court judgments, special measures and statistics on
Japanese residence status and protection, shown beside the assessment's discretionary routes (docs/precedents.md).

* :mod:`zairyu.precedents.model`   a record and its validation;
* :mod:`zairyu.precedents.tags`    the circumstance tags shared with the facts format;
* :mod:`zairyu.precedents.register` the packaged dataset and the ranking beside an option (pure);
* :mod:`zairyu.precedents.store`   the database tables' services: versions, timeline, search.
"""

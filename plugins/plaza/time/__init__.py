"""Stage 2, time. In: an item's timing (model). Out: what a repeat rule may say
(``repeat_rules``), the occurrences it makes (``recurrence``), every occurrence of the
site as of "now" (``schedule``), and the VTIMEZONE of a zone (``vtimezone``)."""

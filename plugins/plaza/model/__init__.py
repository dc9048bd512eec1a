"""Stage 1, the model. In: nothing. Out: the types every later stage shares: records and
items (``models``), the whole ``site``, typed settings (``config``), dates and times as
volunteers write them (``timing``), languages, vocabulary labels, ``problems``, and the
one way to mark HTML as safe (``html``)."""

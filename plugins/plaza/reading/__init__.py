"""Stage 3, reading and validating. In: a content file's bytes and the settings. Out: a
validated ``Site``, or every problem as ``file:line: field: what is wrong, how to fix``.
The path: ``frontmatter`` (YAML with line numbers) → ``schema`` (what each content type
takes) → ``fields``/``plaintext`` (one value) → ``records`` (one language version) →
``merge``/``assemble`` (an item with its translations, then the site); ``privacy`` and
``markup`` guard and render the text; ``jsonschemas`` and ``reference`` describe the
schema for editors and volunteers."""

"""The edge where files come in: content files read under strict rules (``safe_files``,
``content_files``), git history (``history``), pictures decoded and encoded anew
(``pictures``) and interface catalogs (``catalogs``). Everything that reads the disk for
the core lives here."""

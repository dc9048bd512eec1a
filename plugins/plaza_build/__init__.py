"""The build engine: it loads a project with what can be kept from earlier builds, runs
the artifacts the core declares, learns what each read, and next time makes again only
those whose reads changed. Every mechanism of not rebuilding is here, one module each:

- ``store``: the cache folder; ``files``: file hashes by stat; ``items``: parsed files
  and validated items; ``history``: git reads and their cache; ``loading``: all of it;
- ``tracking``: the watching site and the values of what was read; ``queries``: shared
  values; ``parts``: parts of composite files; ``record``: the build record;
- ``workers``: processes; ``staging``: the staging folder and the swap into output/;
- ``engine``: deciding, making and recording.
"""

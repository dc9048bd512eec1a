"""Plaza's thin Pelican adapter: wiring only."""

from pelican import signals

from .generator import PlazaGenerator


def get_generators(pelican_object: object) -> type[PlazaGenerator]:
    return PlazaGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)

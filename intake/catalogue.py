"""Reading the catalogue YAML file (no ORM: the services store it)."""

from pathlib import Path

import yaml

from routing.services import CatalogueError

DEFAULT_CATALOGUE = Path(__file__).resolve().parent / "fixtures" / "catalogue.yaml"


def read_catalogue(path: Path | str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except OSError as exc:
        raise CatalogueError(f"cannot read {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"{path} does not hold a catalogue mapping")
    return data

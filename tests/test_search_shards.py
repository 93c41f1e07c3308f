"""How the search index is split into shards of whole years."""

from cdsportal.outputs.search import plan_shards


def test_small_site_has_one_shard():
    shards = plan_shards({0: 8, 2023: 40, 2024: 40}, max_pages=4000)
    assert [(s.name, sorted(s.years)) for s in shards] == [("all", [0, 2023, 2024])]


def test_large_archive_keeps_the_newest_year_alone():
    per_year = {0: 8, **{year: 1500 for year in range(2015, 2025)}}
    shards = plan_shards(per_year, max_pages=4000)
    assert shards[0].name == "2024" and shards[0].years == {0, 2024}
    older = [sorted(s.years) for s in shards[1:]]
    assert older == [[2022, 2023], [2020, 2021], [2018, 2019], [2016, 2017], [2015]]
    assert [s.name for s in shards[1:3]] == ["2022-2023", "2020-2021"]
    assert shards[-1].name == "2015"
    assert sorted(y for s in shards for y in s.years) == sorted(per_year)

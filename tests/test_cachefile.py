"""The build caches' files: a base and a small file of changes."""

from cdsportal.cachefile import DeltaStore


def test_small_changes_are_written_beside_the_base(tmp_path):
    path = tmp_path / "cache.pickle"
    first = DeltaStore(path, "v1")
    data = first.load()
    assert data == {}
    data = {f"k{i}": ("value", i) for i in range(1000)}
    first.save(data)
    base_bytes = path.read_bytes()

    second = DeltaStore(path, "v1")
    loaded = second.load()
    assert loaded == data
    loaded["k5"] = ("changed", 5)
    loaded["new"] = ("added", 0)
    del loaded["k7"]
    second.save(loaded)
    assert path.read_bytes() == base_bytes, "a few changes must not rewrite the base"
    assert (tmp_path / "cache.pickle.delta").is_file()

    third = DeltaStore(path, "v1").load()
    assert third == loaded


def test_many_changes_make_a_new_base(tmp_path):
    path = tmp_path / "cache.pickle"
    store = DeltaStore(path, "v1")
    store.load()
    store.save({f"k{i}": i for i in range(1000)})
    again = DeltaStore(path, "v1")
    data = again.load()
    again.save({key: value + 1 for key, value in data.items()})
    assert not (tmp_path / "cache.pickle.delta").exists()
    assert DeltaStore(path, "v1").load() == {f"k{i}": i + 1 for i in range(1000)}


def test_another_stamp_or_a_damaged_file_starts_empty(tmp_path):
    path = tmp_path / "cache.pickle"
    store = DeltaStore(path, "v1")
    store.load()
    store.save({"a": 1})
    assert DeltaStore(path, "v2").load() == {}
    path.write_bytes(b"not a pickle")
    assert DeltaStore(path, "v1").load() == {}


def test_text_blob_gives_back_each_text_by_position(tmp_path):
    from cdsportal.cachefile import TextBlob
    blob = TextBlob(tmp_path / "cache" / "bodies.0.text")  # its folder is made
    first = blob.append(["<p>Chuyển đổi số</p>", ""])
    second = blob.append(["<p>Đường dây nóng</p>"])
    again = TextBlob(blob.path)  # another process: reads by position only
    assert [again.read(*span) for span in first + second] == [
        "<p>Chuyển đổi số</p>", "", "<p>Đường dây nóng</p>"]
    assert blob.size() == sum(length for _, length in first + second)


def test_body_cache_keeps_bodies_written_by_batches_and_bounds_its_files(tmp_path, monkeypatch):
    """Each batch of bodies (one per worker task) writes its own text file; the
    next build finds every body; past MAX_FILES files the live bodies are copied
    into one and the others are removed by the build after."""
    from cdsportal import bodies as b
    from cdsportal.cachefile import finish_writing
    monkeypatch.setattr(b.BodyCache, "MAX_FILES", 2)
    base = tmp_path / "cache" / "bodies"

    def build(batches: dict[str, list[str]], served=()) -> dict[str, b.Body]:
        cache = b.BodyCache(base)
        kept = {digest: cache.get(digest) for digest in served}
        for number, (prefix, htmls) in enumerate(batches.items()):
            for i, where in enumerate(cache.write(number, htmls)):
                kept[f"{prefix}{i}"] = b.Body(None, (), (), (), where)
        cache.save(kept)
        finish_writing()
        return kept

    build({"a": ["<p>Chuyển đổi số</p>", "<p>một</p>"], "b": ["<p>Đường</p>"]})
    assert len(list(base.parent.glob("bodies.*.text"))) == 2
    build({"c": ["<p>mới</p>"]}, served=["a0", "a1", "b0"])  # a third file: copied into one
    cache = b.BodyCache(base)
    assert len(list(base.parent.glob("bodies.*.text"))) == 1
    assert {d: cache.get(d).html for d in ("a0", "a1", "b0", "c0")} == {
        "a0": "<p>Chuyển đổi số</p>", "a1": "<p>một</p>", "b0": "<p>Đường</p>", "c0": "<p>mới</p>"}

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

"""Work done in forked processes: results come back, failures are reported here."""

import os

import pytest

from cdsportal.parallel import in_background, map_ranges


def test_background_work_runs_in_another_process_and_returns_its_result(monkeypatch):
    monkeypatch.setenv("CDSPORTAL_JOBS", "2")
    result = in_background(lambda: (os.getpid(), {"pages": [1, 2, 3]}))
    pid, data = result()
    assert pid != os.getpid()
    assert data == {"pages": [1, 2, 3]}


def test_failed_background_work_is_done_again_here_so_its_error_shows(monkeypatch, tmp_path):
    monkeypatch.setenv("CDSPORTAL_JOBS", "2")
    attempts = tmp_path / "attempts"

    def work():
        with attempts.open("a") as log:
            log.write(f"{os.getpid()}\n")
        raise ValueError("hỏng / broken")

    result = in_background(work)
    with pytest.raises(ValueError, match="broken"):
        result()
    pids = attempts.read_text().split()
    assert len(pids) == 2 and pids[1] == str(os.getpid()) != pids[0]


def test_with_one_worker_background_work_is_done_when_asked(monkeypatch):
    monkeypatch.setenv("CDSPORTAL_JOBS", "1")
    done = []
    result = in_background(lambda: done.append(os.getpid()) or "ok")
    assert done == []
    assert result() == "ok" and done == [os.getpid()]


def test_ranges_come_back_in_order(monkeypatch):
    monkeypatch.setenv("CDSPORTAL_JOBS", "2")
    chunks = map_ranges(lambda start, stop: list(range(start, stop)), 1000, min_parallel=10)
    assert [n for chunk in chunks for n in chunk] == list(range(1000))

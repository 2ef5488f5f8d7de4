"""The dataset is chosen per request: two datasets served at once each give their own answers."""

from __future__ import annotations

import threading

from rcpdash import analysis, datasets
from rcpdash.data import Dataset
from rcpdash.network import STATE, GraphFilter


def test_default_is_the_report_data(real: Dataset):
    assert datasets.dataset().fingerprint == real.fingerprint
    with datasets.using(None):
        assert datasets.dataset().fingerprint == real.fingerprint


def test_using_switches_the_dataset_and_every_cache(tiny: Dataset, real: Dataset):
    flt = GraphFilter()
    real_states = analysis.graph_incidence(flt).matrix.shape[0]
    with datasets.using(tiny):
        assert datasets.dataset() is tiny
        assert analysis.full_graph().number_of_nodes() == 5 + 4
        # p1: AAA, BBB; p2: CCC, DDD; p3: BBB, CCC, DDD (members only) -> four states with members
        assert sorted(analysis.centrality(flt, "state")["id"]) == ["AAA", "BBB", "CCC", "DDD"]
    assert datasets.dataset() is not tiny
    assert analysis.graph_incidence(flt).matrix.shape[0] == real_states
    assert len(analysis.centrality(flt, "state")) > 100


YEARS = (None, 1992, 1995, 2003)


def _answers() -> list[int]:
    """Ranked states and states in the graph, for each year in :data:`YEARS`."""
    seen = []
    for year in YEARS:
        flt = GraphFilter(year=year)
        seen.append(len(analysis.centrality(flt, "state")))
        seen.append(sum(1 for n in analysis.graph(flt) if n[0] == STATE))
    return seen


def test_two_datasets_in_two_threads_at_once(tiny: Dataset, real: Dataset):
    """Both threads start together on cold caches; each must only ever see its own data."""
    report_expected = _answers()
    analysis.clear_caches()
    barrier = threading.Barrier(2)
    answers: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def serve(name: str, ds: Dataset | None) -> None:
        try:
            with datasets.using(ds):
                barrier.wait()
                answers[name] = _answers()
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)

    threads = [
        threading.Thread(target=serve, args=("tiny", tiny)),
        threading.Thread(target=serve, args=("report", None)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # tiny in 1992: only p1 exists (AAA, BBB); from 1995 p3 too (CCC, DDD founding members).
    assert answers["tiny"] == [4, 4, 2, 2, 4, 4, 4, 4]
    assert answers["report"] == report_expected
    assert report_expected[0] > 100


def test_kept_datasets_are_bounded(tiny: Dataset):
    datasets.forget_kept()
    fakes = [
        Dataset(
            **{
                k: getattr(tiny, k)
                for k in ("processes", "states", "memberships", "organizations", "process_links", "themes")
            },
            fingerprint=f"fp{i}",
        )
        for i in range(datasets.KEPT_DATASETS + 2)
    ]
    for ds in fakes:
        datasets.keep(ds)
    assert datasets.kept("fp0") is None and datasets.kept("fp1") is None
    assert datasets.kept(f"fp{datasets.KEPT_DATASETS + 1}") is fakes[-1]
    datasets.forget_kept()
    assert datasets.kept("fp2") is None

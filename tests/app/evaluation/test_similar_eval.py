"""The similar-questions figures of `eval routing`: offers, the same-resolver share and the
labelled sample's precision, from the live similarity code."""

from pathlib import Path

from guildbot.app.evaluation import similar
from guildbot.app.evaluation.archive import read_archive
from guildbot.app.evaluation.similar import SimilarResult, format_line, measure, pooled_line
from tests.app.evaluation.test_routing_eval import posts  # noqa: F401  (the fixture)


def test_offers_on_an_archive_are_counted(posts: Path) -> None:  # noqa: F811
    archive = read_archive(posts)
    unlabelled = measure(archive)
    assert unlabelled.eligible > 0
    assert 0 <= unlabelled.offered <= unlabelled.eligible
    assert unlabelled.offers >= unlabelled.offered
    assert unlabelled.labelled == 0 and unlabelled.unlabelled > 0
    assert "no labelled offers" in format_line(unlabelled)


def test_precision_and_pooling() -> None:
    one = SimilarResult(10, 2, 3, 1, 4, 1, 0)
    two = SimilarResult(20, 1, 1, 0, 0, 0, 2)
    assert one.precision == 0.25
    assert "1 of 4 answer it (precision 25%)" in format_line(one)
    line = pooled_line([one, two])
    assert line.startswith("pooled similar questions: 3 of 30 answerable test questions")
    assert "2 best offers unlabelled" in line


def test_the_labelled_sample_names_only_dev_archives_and_ids() -> None:
    for name, labels in similar.LABELS.items():
        assert name.endswith("-Posts.xml")
        for (test_id, earlier_id), answers in labels.items():
            assert test_id != earlier_id and min(test_id, earlier_id) > 0
            assert isinstance(answers, bool)

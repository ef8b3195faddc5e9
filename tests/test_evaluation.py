"""lexmig eval: judged sets, the metrics, and the report beside plain BM25."""

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexmig.search.cli import cli
from lexmig.search.evaluation import QrelsError, load_qrels, scores, shipped_sets

QRELS = Path(__file__).resolve().parent.parent / "corpus" / "qrels.toml"


def run(home, *args):
    return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def home(tmp_path_factory, corpus):
    home = tmp_path_factory.mktemp("evalhome")
    assert run(home, "fetch", "--mirror", str(corpus)).exit_code == 0
    return home


def test_scores_at_article_level():
    relevant = {"c097/art-6": 2, "ets093/art-16": 2, "c189/art-10": 1}
    got = scores(["c189/art-10", "x/art-1", "c097/art-6"], relevant)
    assert got["p1"] == 1.0 and got["answers1"] == 0.0
    assert got["mrr"] == 1.0
    dcg = 1 / math.log2(2) + 3 / math.log2(4)
    ideal = 3 / math.log2(2) + 3 / math.log2(3) + 1 / math.log2(4)
    assert got["ndcg"] == pytest.approx(dcg / ideal)
    assert got["recall"] == pytest.approx(2 / 3)
    missed = scores(["x/art-1", "ets093/art-16"], relevant)
    assert (missed["p1"], missed["answers1"], missed["mrr"]) == (0.0, 0.0, 0.5)
    assert scores([], relevant) == {"p1": 0.0, "answers1": 0.0, "mrr": 0.0, "ndcg": 0.0, "recall": 0.0}


def test_the_tuning_set_is_valid_and_marks_its_kinds():
    judged = load_qrels(QRELS)
    assert len(judged) == 71
    kinds = {k: sum(1 for j in judged if j.kind == k) for k in ("question", "citation", "typo", "vocabulary")}
    assert kinds == {"question": 38, "citation": 11, "typo": 9, "vocabulary": 13}


@pytest.mark.parametrize("text, message", [
    ('[[query]]\nkind = "question"\nrelevant = { "c097/art-6" = 2 }\n', "query 1, field 'text': missing or empty"),
    ('[[query]]\ntext = "pay"\nkind = "chat"\nrelevant = { "c097/art-6" = 2 }\n',
     "query 1 ('pay'), field 'kind': must be one of question, citation, typo, vocabulary"),
    ('[[query]]\ntext = "pay"\nkind = "question"\nrelevant = { "c097/art-6" = 3 }\n',
     "query 1 ('pay'), field 'relevant': needs units graded 1 or 2"),
    ("query = 5\n", "'query' must be [[query]] tables, like those of corpus/qrels.toml"),  # once a traceback
    ('query = ["pay"]\n', "'query' must be [[query]] tables, like those of corpus/qrels.toml"),
])
def test_an_invalid_qrels_file_is_named_in_one_line(tmp_path, text, message):
    path = tmp_path / "q.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QrelsError) as error:
        load_qrels(path)
    assert str(error.value) == f"{path}: {message}"


def test_shipped_sets_are_named_and_an_unknown_set_is_an_error():
    assert [name for name, _ in shipped_sets()] == ["tuning", "heldout"]
    assert [name for name, _ in shipped_sets(["tuning"])] == ["tuning"]
    with pytest.raises(QrelsError) as error:
        shipped_sets(["tests"])
    assert str(error.value) == ("no judged set 'tests'; the sets are tuning, heldout, unseen, fresh, fresh2, fresh3, "
                                "fresh4, fresh5, fresh6, fresh7, fresh8, fresh9, fresh10, fresh11, fresh12, fresh13, "
                                "fresh14, fresh15, fresh16, fresh17, fresh18, fresh19, national, national2.")


def test_eval_reports_each_set_per_kind_beside_the_baseline(home):
    result = run(home, "eval", "--set", "tuning")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[0].split() == ["tuning", "lexmig", "plain", "BM25", "baseline"]
    assert lines[1].split() == ["kind", "n", "P@1", "MRR@10", "nDCG@10", "P@1", "MRR@10", "nDCG@10"]
    assert [line.split()[:2] for line in lines[2:7]] == [["question", "38"], ["citation", "11"], ["typo", "9"],
                                                         ["vocabulary", "13"], ["all", "71"]]
    assert lines[8].startswith("The first hit answers (grade 2) ")
    report = json.loads(run(home, "eval", "--set", "tuning", "--json").stdout)["sets"]["tuning"]
    summary = report["summary"]
    assert summary["all"]["n"] == 71 and len(report["queries"]) == 71
    ours, base = summary["all"]["lexmig"], summary["all"]["baseline"]
    assert set(ours) == {"p1", "answers1", "mrr", "ndcg", "recall"}
    assert ours["ndcg"] >= 0.80 and ours["mrr"] >= 0.88
    assert ours["ndcg"] >= 2 * base["ndcg"]
    questions = summary["question"]["lexmig"]
    assert questions["p1"] >= 0.75 and questions["mrr"] >= 0.85 and questions["ndcg"] >= 0.78
    assert summary["citation"]["lexmig"]["p1"] == 1.0  # typed citations: the exact unit first


def test_eval_reads_a_qrels_file_and_refuses_a_file_and_a_set_together(home, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[[query]]\ntext = "family reunion"\nkind = "vocabulary"\nrelevant = { "ets093/art-12" = 2 }\n',
                    encoding="utf-8")
    data = json.loads(run(home, "eval", str(path), "--json").stdout)
    assert data["sets"]["mine.toml"]["summary"]["all"]["lexmig"]["p1"] == 1.0
    both = run(home, "eval", str(path), "--set", "tuning")
    assert (both.exit_code, both.stderr) == (2, "Error: give a QRELS file or --set, not both.\n")
    missing = run(home, "eval", str(tmp_path / "none.toml"))
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"Error: {tmp_path / 'none.toml'}: no such file")


@pytest.mark.parametrize("unit, message", [
    ("ets093/art-12/1", "{path}: query 1 ('family reunion'), field 'relevant': 'ets093/art-12/1' is below article "
                        "level, where eval counts every hit; judge its article, 'ets093/art-12'"),
    ("ets93/art-12", "mine.toml: query 1 ('family reunion') judges 'ets93/art-12', but no installed document has the "
                     "id 'ets93'; fix the id, or install the document (lexmig catalogue lists them)."),
    ("ets093/art-99", "mine.toml: query 1 ('family reunion') judges 'ets093/art-99', but ets093 has no such unit; fix "
                      "the unit (lexmig passages ets093 lists them)."),
])
def test_eval_refuses_a_judged_unit_it_could_never_rank(home, tmp_path, unit, message):
    # Each query once scored 0 on every measure without a word: a hit is counted as its
    # article, and no hit belongs to a document that is not installed.
    path = tmp_path / "mine.toml"
    path.write_text(f'[[query]]\ntext = "family reunion"\nkind = "vocabulary"\nrelevant = {{ "{unit}" = 2 }}\n',
                    encoding="utf-8")
    result = run(home, "eval", str(path))
    assert (result.exit_code, result.stderr, result.stdout) == (2, f"Error: {message.format(path=path)}\n", "")


def test_eval_help_has_an_example():
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert "Example:\n    lexmig eval\n    lexmig eval --set heldout --queries\n" in result.output


def test_eval_reports_the_held_out_set_apart(home):
    """The held-out set is measured, never tuned on: this checks that it is reported apart
    and beside the baseline, not what it scores (README "Measured quality" records that)."""
    sets = json.loads(run(home, "eval", "--json").stdout)["sets"]
    assert list(sets) == ["tuning", "heldout"]
    held = sets["heldout"]
    assert held["summary"]["all"]["n"] == 77 and held["summary"]["question"]["n"] == 61
    assert len(held["queries"]) == 77
    assert held["summary"]["all"]["lexmig"]["ndcg"] > held["summary"]["all"]["baseline"]["ndcg"]
    text = run(home, "eval", "--set", "heldout").stdout.splitlines()
    assert text[0].split()[0] == "heldout"
    assert [line.split()[:2] for line in text[2:6]] == [["question", "61"], ["typo", "6"], ["vocabulary", "10"],
                                                        ["all", "77"]]

"""Courts' and bodies' resolutions and judgments as published (indexer.segment, indexer.citation):
parts opened by their formula ("VISTOS:", "CONSIDERANDO:", "RESUELVE:"; "FOR THESE REASONS, THE COURT"),
each numbering its paragraphs anew, cited "Considerando 2", "Resolutivo 1"; a judgment's paragraphs
from "PROCEDURE" on; its judges' opinions appended to it. And Markdown's own footnotes ("[^1]")."""

import pytest

from lexmig.indexer.citation import pinpoint
from lexmig.indexer.readers import read_file, read_markdown
from lexmig.indexer.segment import segment
from tests.conftest import run
from tests.test_segment import pdf_of

# A resolution in the layout of the Inter-American Court's (written for this test). Before, its
# paragraphs were numbered anew under each formula and the file had "no legal structure".
COURT_RESOLUTION = """RESOLUCION DE LA CORTE REGIONAL DE DERECHOS HUMANOS
DEL 3 DE MARZO DE 2020
MEDIDAS PROVISIONALES RESPECTO DE UN ESTADO
LA CORTE REGIONAL DE DERECHOS HUMANOS,
VISTOS:
1. La solicitud de medidas provisionales presentada por la Comision el 2 de marzo de 2020;
2. Los escritos del Estado sobre la situacion de los trabajadores migrantes detenidos.
CONSIDERANDO:
1. Que el Estado es parte de la Convencion desde hace veinte anos;
2. Que la situacion de los trabajadores migrantes exige medidas urgentes.
RESUELVE:
1. Requerir al Estado que adopte las medidas necesarias para proteger a los trabajadores.
2. Convocar a una audiencia publica sobre las medidas adoptadas.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_courts_resolution_is_read_by_its_parts_and_cited_by_them(fmt, tmp_path):
    source = read_markdown(COURT_RESOLUTION) if fmt == "text" else read_file(pdf_of(COURT_RESOLUTION, tmp_path / "r.pdf"))
    passages = segment(source, "r").passages
    assert [(p.passage_id.replace("/es/", "/"), " ".join(p.text.split()[:2])) for p in passages] == [
        ("r/vistos", ""), ("r/vistos/para-1", "La solicitud"), ("r/vistos/para-2", "Los escritos"),
        ("r/considerando", ""), ("r/considerando/para-1", "Que el"), ("r/considerando/para-2", "Que la"),
        ("r/resolutivo", ""), ("r/resolutivo/para-1", "Requerir al"), ("r/resolutivo/para-2", "Convocar a")]
    assert [pinpoint(p.path) for p in passages if p.kind == "paragraph"] == [
        "Vistos 1", "Vistos 2", "Considerando 1", "Considerando 2", "Resolutivo 1", "Resolutivo 2"]


def test_a_decisions_formulas_in_english_and_a_formula_word_in_an_instrument_with_articles():
    decision = ("Decision of the Committee on a request for interim measures\nHAVING SEEN:\n"
                "1. The request of the applicants of 4 May 2021;\nCONSIDERING:\n1. That the applicants face removal;\n"
                "2. That the request is urgent.\nDECIDES:\n1. To request the State not to remove the applicants.\n")
    passages = segment(read_markdown(decision), "d").passages
    assert [pinpoint(p.path) for p in passages if p.kind == "paragraph"] == [
        "Having seen 1", "Considering 1", "Considering 2", "Operative 1"]
    # in a convention, "Decides:" on a line of its own opens nothing: its articles are the structure
    convention = ("Article 1\n1. Each Member shall protect migrant workers.\nArticle 2\nThe Conference\nDecides:\n"
                  "1. The present Convention shall be revised.\n")
    ids = [p.passage_id for p in segment(read_markdown(convention), "c").passages]
    assert ids == ["c/art-1", "c/art-1/1", "c/art-2", "c/art-2/1"]


# A judgment in the European Court of Human Rights' layout (written for this test): paragraphs
# numbered on from "PROCEDURE" (one opening with a date, a sub-heading numbered "1." in a section between
# them), the operative part numbered anew, a judge's opinion after it
# with its heading printed again atop its next page, and a heading that wraps an article's name.
JUDGMENT = """CASE OF A AND OTHERS v. THE STATE
(Application no. 1234/20)
JUDGMENT
PROCEDURE
1. The case originated in an application lodged by four migrant workers.
2. The applicants were represented by a lawyer practising in the capital.
THE FACTS
3. The applicants were recruited abroad and their passports were kept by the employer.
4. 17 March 2019 the applicants complained to the labour inspectorate.
I. RELEVANT LAW
1. The Labour Code
5. The Labour Code forbids an employer to keep a worker's passport.
FOR THESE REASONS, THE COURT UNANIMOUSLY
1. Declares the application admissible;
2. Holds that there has been a violation of Article 4 of the Convention.
DISSENTING OPINION OF JUDGE B ON THE APPLICABILITY OF
ARTICLE 1 OF PROTOCOL NO. 1
1. I regret that I cannot agree with the majority on the applicability of that provision.
DISSENTING OPINION OF JUDGE B
2. The applicants' claim concerned their wages and not their possessions.
"""


def test_a_judgments_paragraphs_operative_part_and_opinion(tmp_path):
    passages = segment(read_file(pdf_of(JUDGMENT, tmp_path / "j.pdf")), "j").passages
    assert [(p.passage_id, " ".join(p.text.split()[:2])) for p in passages] == [
        ("j/para-1", "The case"), ("j/para-2", "The applicants"), ("j/para-3", "The applicants"),
        ("j/para-4", "17 March"), ("j/sec-i", ""), ("j/para-5", "The Labour"), ("j/operative", ""),
        ("j/operative/para-1", "Declares the"), ("j/operative/para-2", "Holds that"),
        ("j/separate-opinion-1", "ARTICLE 1"), ("j/separate-opinion-1/para-1", "I regret"),
        ("j/separate-opinion-1/para-2", "The applicants'")]
    cited = {p.passage_id: p for p in passages}
    assert cited["j/sec-i"].title == "RELEVANT LAW 1. The Labour Code"  # (the sub-heading read as its title's line)
    assert pinpoint(cited["j/operative/para-2"].path) == "Operative 2"
    assert pinpoint(cited["j/separate-opinion-1/para-2"].path) == "Separate Opinion No. 1, para. 2"
    assert cited["j/operative/para-2"].text == "Holds that there has been a violation of Article 4 of the Convention."


NOTE = """# Issues paper on the portability of migrant workers' pensions

1. Few bilateral agreements cover the pensions of migrant workers.[^1] Many workers lose their contributions.

2. Regional agreements are rarer still.[^regional]

[^1]: International Labour Office, Social security for migrant workers, Geneva, 2021.
[^regional]: See the regional agreement on social security,
    adopted in 2015.
"""


def test_markdown_footnotes_are_read_as_footnotes_and_traced(tmp_path):
    passages = segment(read_markdown(NOTE), "n").passages
    assert [(p.passage_id, p.anchor) for p in passages] == [
        ("n/para-1", None), ("n/para-2", None), ("n/fn-1", "n/para-1"), ("n/fn-regional", "n/para-2")]
    assert passages[0].text == ("Few bilateral agreements cover the pensions of migrant workers. "
                                "Many workers lose their contributions.")
    assert passages[3].text == "See the regional agreement on social security, adopted in 2015."
    paper = tmp_path / "pensions.md"
    paper.write_text(NOTE, encoding="utf-8")
    home = tmp_path / "home"
    assert run(home, "add", str(paper), "--id", "pensions").exit_code == 0
    shown = run(home, "sources", "pensions").output
    assert "fn. 1 (in PENSIONS, para. 1): International Labour Office, Social security for migrant workers" in shown
    assert "fn. regional (in PENSIONS, para. 2): See the regional agreement" in shown


def test_a_courts_title_on_its_first_page():
    # before, neither was read: the catalogue took the file's name
    from lexmig.indexer.clean import front_matter

    assert front_matter(["FIRST SECTION", "CASE OF A AND OTHERS v. THE STATE", "(Application no. 1234/20)", "JUDGMENT",
                         "STRASBOURG", "3 March 2020"])["title"] == "Case of A and Others v. the State"
    assert front_matter(COURT_RESOLUTION.splitlines())["title"] == (
        "Resolucion de la Corte Regional de Derechos Humanos del 3 de marzo de 2020 Medidas Provisionales Respecto "
        "de un Estado")


def test_a_cases_and_a_note_verbales_names():
    # before, a note verbale (it prints no title) was titled by its file's name, and both were cited by
    # their ids in capitals ("ECHR-VAN-MARLE")
    from lexmig.indexer.clean import front_matter
    from lexmig.indexer.metadata import citing_names

    note = ["UNITED NATIONS", "The Office of Legal Affairs of the Secretariat presents its compliments to the",
            "Permanent Mission of the State to the United Nations and has the honour to refer to its note."]
    title = front_matter(note)["title"]
    assert title == ("Note verbale from the Office of Legal Affairs of the Secretariat to the Permanent Mission of the "
                     "State to the United Nations")
    assert citing_names(title, None)["short_title"] == "Note verbale to the Permanent Mission of the State"
    assert citing_names("Case of A and Others v. the State", None)["short_title"] == "A and Others v. the State"
    assert citing_names("Resolución de la Corte del 3 de marzo de 2020 Medidas Provisionales Caso Pérez", None)[
        "short_title"] == "Caso Pérez"


def test_a_resolutions_unit_is_shown_by_its_id_which_the_error_names(tmp_path):
    # "Considerando 2" is not read in a typed citation yet: the error named "CORTE, Vistos 1 [es]" as an
    # example, which is refused the same way; it names the unit's passage id, which is shown
    paper = tmp_path / "corte.md"
    paper.write_text(COURT_RESOLUTION, encoding="utf-8")
    home = tmp_path / "home"
    assert run(home, "add", str(paper), "--id", "corte").exit_code == 0
    refused = run(home, "show", "corte, Considerando 2")
    assert refused.exit_code == 2 and "name a unit of it, e.g. 'corte/es/vistos/para-1'" in refused.output
    shown = run(home, "show", "corte/es/considerando/para-2")
    assert shown.exit_code == 0 and "Considerando 2 [es]" in shown.output
    assert "Que la situacion de los trabajadores migrantes exige medidas urgentes." in shown.output

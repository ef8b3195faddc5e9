"""The kinds of units a document is made of, and the groups the code reasons about.

Every unit of a document has a kind (the last step of its path, `indexer.passage.PathStep`):

- `appended`: a second instrument in the same file ("Optional Protocol", "Appendix");
- `annex`; the divisions `part`, `book`, `title`, `chapter`, `section` (of a paper: "Sec. I"),
  `subpart` (a New Zealand Act's "Subpart 2—Duties" inside a Part), `division`, `subdivision`
  (an Act's groups of sections), `rule` (implementing rules' groups of
  sections, numbered anew in each: cited "Rule II, section 1"), `heading` (an unnumbered heading
  over a group of an Act's sections, a Canadian act's "Interpretation": labelled by its order);
- `preamble` and its clauses, `recital`;
- the article-level units `article` and `statute-section` (an Act's "section 5AAA");
- `article-section`: an article's lettered section ("A.", "B." of the Refugee Convention's
  Article 1, cited "Article 1A(2)"), holding its own paragraphs and points;
- inside them `paragraph`, `point` ("(a)"), `subpoint` ("(i)");
- `footnote`; `text` and `chunk` (a text without structure, `indexer.chunk`);
- `resolution-part`: a part of a court's or body's resolution opened by its formula ("VISTOS:",
  "CONSIDERANDO:", "RESUELVE:"; "HAVING SEEN", "CONSIDERING", "DECIDES"; "VU", "CONSIDÉRANT"), whose
  paragraphs are numbered anew in each: labelled by the name it is cited by, "Considerando 2", "Resolutivo 1".

A group is named here once; code asks "is it an article-level unit?", never spells the kinds.
"""

from __future__ import annotations

# -- citations and ids -------------------------------------------------------------------------

# Levels that are part of a pinpoint citation and of the passage id. Parts, chapters and
# sections only name themselves: "Article 6" is cited without its chapter.
CITED_KINDS = ("appended", "annex", "rule", "resolution-part", "article", "statute-section", "article-section", "recital",
               "paragraph", "point", "subpoint", "footnote")

# Divisions that group units without being cited with them ("Article 6", not "Chapter II, Article 6").
DIVISION_KINDS = ("part", "book", "title", "chapter", "section", "subpart", "division", "subdivision", "rule", "heading",
                  "resolution-part")

# The article-level units: a paragraph inside one is cited "Art. 4(2)", "s. 5AAA(2)".
ARTICLE_KINDS = ("article", "statute-section")

# The numbered units inside an article: "Art. 4(2)(a)(i)".
SUBUNIT_KINDS = ("paragraph", "point", "subpoint")

# Units listed by their own label under their container ("(a)", "(i)"), not by their full pinpoint.
POINT_KINDS = ("point", "subpoint")

# Units inside which a paragraph is cited by its number alone ("Art. 4(2)", "para. 11(3)");
# elsewhere it is "para-11" in the id.
PARAGRAPH_NUMBERING_KINDS = ARTICLE_KINDS + ("paragraph",)

# Units whose id is their kind alone: one per document (or per language).
UNLABELLED_KINDS = ("preamble", "text")

# -- the tree the segmenter builds (`indexer.segment`) -----------------------------------------

# Rank in the tree: a new unit closes every open unit of the same or a lower rank.
RANK = {"root": -1, "appended": 0, "annex": 0, "part": 1, "title": 1.5, "chapter": 2, "section": 3, "preamble": 4,
        "article": 4, "paragraph": 5, "point": 6, "subpoint": 7, "footnote": 8,
        "recital": 5, "statute-section": 4, "division": 2, "subdivision": 3, "book": 1.2, "rule": 2, "subpart": 1.8,
        "heading": 3.5, "article-section": 4.5, "resolution-part": 3}

# The divisions printed with a word and a number ("Part II", "Chapitre 3", "Section B", "BOOK ONE",
# "RULE II"), in the languages of `indexer.segment.STRUCTURE_WORDS`.
WORDED_DIVISION_KINDS = ("part", "book", "title", "chapter", "section", "rule")

# Units whose text holds the labelled text of their sub-units ("1. ... (a) ... (b) ...").
TEXT_HOLDING_KINDS = ARTICLE_KINDS + ("article-section",) + SUBUNIT_KINDS

# Units whose numbered paragraphs are printed "(1)" in their text, as the source prints them.
BRACKETED_PARAGRAPH_KINDS = ("statute-section", "article-section")

# Provisions: the units whose pages and span include those of the units inside them.
PROVISION_KINDS = ("article", "article-section", "paragraph", "point", "subpoint", "preamble", "footnote", "recital",
                   "statute-section")

# What a text without legal structure yields: a preamble alone is no structure.
UNSTRUCTURED_KINDS = UNLABELLED_KINDS

# Second texts that take the original's names in a translation (`segment.align_divisions`).
TOP_LEVEL_KINDS = ("annex", "appended")

# The containers whose articles are numbered together: an annex, an appended instrument or
# the document itself (the tree's "root").
SCOPE_KINDS = ("annex", "appended", "root")

# The instrument a unit belongs to in the tree: an appended one or the document.
INSTRUMENT_KINDS = ("appended", "root")

# The statute-section a unit belongs to, if any (else the document).
STATUTE_SCOPE_KINDS = ("statute-section", "root")

# Where a division or article opens: the document, an annex, an appended instrument or a group.
DIVISION_PARENT_KINDS = ("root", "appended", "annex") + DIVISION_KINDS

# The containers in which numbered paragraphs run on (a paragraph continues their numbering).
PARAGRAPH_PARENT_KINDS = ("article", "statute-section", "annex", "appended", "root") + DIVISION_KINDS

# Units that hold lettered points "(a)" (an annex has its own "a) b) c)").
POINT_PARENT_KINDS = ("paragraph", "article-section", "article", "statute-section", "preamble", "annex")

# Units that hold roman sub-points "(i)" (an article and its lettered sections also hold "(1)" paragraphs so).
SUBPOINT_PARENT_KINDS = ("point", "paragraph", "article-section", "article")

# Units in which "(1)" opens a paragraph, not a sub-point: an article, a lettered section of one.
BRACKETED_PARAGRAPH_PARENT_KINDS = ("article", "article-section")

# Where an Act's subsection "(1)" is looked for (the nearest of these must be a statute-section).
SUBSECTION_SCOPE_KINDS = ("statute-section", "article", "appended", "root")

# Units a heading right under them does not title: the document and its preamble.
UNTITLED_KINDS = ("root", "preamble")

# Units whose title a PDF may wrap onto the lines after their heading.
WRAPPED_TITLE_KINDS = ("annex",) + DIVISION_KINDS

# -- search, relations and subjects --------------------------------------------------------------

# Units whose sub-units lie inside their indexed text: the sub-units are not the outermost
# units of the index (`index._outermost_ids`).
CONTAINING_KINDS = ("article", "article-section") + SUBUNIT_KINDS

# The parents under which a paragraph, point or sub-point is merged into its container's hit.
MERGING_KINDS = ("article", "article-section", "paragraph", "point")

# Units whose hit names the unit they sit in ("in Art. 6 (Information)"), or a footnote's anchor.
PARENTED_KINDS = SUBUNIT_KINDS + ("article-section", "footnote")

# The unit a paragraph's or point's hit names as its parent: the article it sits in.
PARENT_KINDS = ("article",)

# Provisions compared across instruments (`lexmig related`, `lexmig support`): an Act's sections as a
# convention's articles.
COMPARABLE_KINDS = ARTICLE_KINDS + SUBUNIT_KINDS + ("preamble",)

# Units that another instrument cites by naming their instrument (`lexmig related`).
WHOLE_UNIT_KINDS = ARTICLE_KINDS + ("preamble",)

# What a unit's text refers to inside its own instrument ("Article 19", "section 46", "paragraph 2 of this Article").
INTERNAL_REFERENCE_KINDS = ARTICLE_KINDS + ("paragraph",)

# The steps of the referring unit's path that a reference to "paragraph 2" keeps: its annex and article.
REFERENCE_SCOPE_KINDS = ("annex",) + ARTICLE_KINDS

# Kinds whose title names what the units inside them are about (`indexer.subjects`).
HEADING_KINDS = ("part", "chapter", "section", "annex", "heading")  # "heading": a group of sections ("Recruitment")

# Kinds whose text is not about what its words name: a footnote cites sources, a preamble
# recalls other instruments by their titles (`indexer.subjects`).
CITING_KINDS = ("footnote", "preamble")

# The units whose English text makes a document's fingerprint (near-duplicate warning).
FINGERPRINT_KINDS = ("article", "paragraph", "preamble", "text", "footnote")

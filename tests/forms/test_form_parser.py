"""The form walker's parser and variants: it must find what a browser would post."""

from tests.forms.test_no_500 import FormParser, _variants

PAGE = """
<form method="get" class="filters"><input name="q"></form>
<form method="post" action="/x/" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="t">
  <input name="title" value="Cím">
  <input type="date" name="on">
  <input type="number" name="amount">
  <input type="checkbox" name="public" value="on" checked>
  <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
  <select name="org"><option value="">---</option><option value="7">Szervezet</option></select>
  <textarea name="body">Szöveg</textarea>
  <input type="submit" name="save" value="Mentés">
  <input type="file" name="scan">
</form>
"""


def test_parser_finds_post_forms_and_their_fields():
    parser = FormParser()
    parser.feed(PAGE)
    assert len(parser.forms) == 1
    form = parser.forms[0]
    assert form.action == "/x/"
    fields = {f.name: f for f in form.fields}
    assert set(fields) == {"csrfmiddlewaretoken", "title", "on", "amount", "public", "kind",
                           "org", "body"}
    assert fields["org"].options == ["", "7"]
    assert fields["kind"].options == ["a", "b"] and fields["kind"].value == "b"
    assert fields["body"].value == "Szöveg"


def test_variants_cover_empty_each_option_and_hostile_values():
    parser = FormParser()
    parser.feed(PAGE)
    variants = dict(_variants(parser.forms[0]))
    assert variants["empty"] == {}
    assert variants["plausible"]["org"] == "7"
    first = variants["option #1 of every select"]
    assert (first["org"], first["kind"]) == ("", "a")
    # the second options are the plausible values themselves: not posted twice
    assert "option #2 of every select" not in variants
    assert variants["every date field='2026-02-30'"]["on"] == "2026-02-30"
    assert variants["every number field='11,5'"]["amount"] == "11,5"
    assert len(variants["all fields='áááááááááááááááááááá'"]["title"]) == 10_000

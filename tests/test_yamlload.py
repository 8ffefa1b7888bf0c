"""The safe YAML loader: located Swedish errors for everything a contributor can get wrong."""

import pytest

from kravbanken.model.yamlload import YamlError, decode, parse


def error_of(text: str) -> str:
    with pytest.raises(YamlError) as caught:
        parse(text, "x.yaml")
    return str(caught.value)


def test_values_and_their_positions():
    doc = parse("id: SOC-001\nlist:\n  - a\n  - {b: 1}\npublished: 2026-03-01\n", "x.yaml")
    assert doc.data == {"id": "SOC-001", "list": ["a", {"b": 1}], "published": "2026-03-01"}
    assert doc.marks[("id",)] == (1, 5)
    assert doc.marks[("list", 1, "b")] == (4, 9)
    assert doc.key_marks[("published",)] == (5, 1)


def test_control_characters_written_as_escapes_are_refused():
    assert error_of('id: SOC-001\ntitle: "Rad\\vett"\n') == (
        "x.yaml:2:8: texten har ett osynligt styrtecken (U+000B) som inte kan visas eller skrivas ut; ta bort det")
    assert parse('t: "Rad\\tett\\ntvå"\n', "x.yaml").data == {"t": "Rad\tett\ntvå"}  # tab and newline are text


def test_dates_stay_text_so_the_schema_checks_them():
    assert parse("d: 2026-13-45\n", "x.yaml").data == {"d": "2026-13-45"}


def test_duplicate_key_is_an_error_at_the_second_key():
    message = error_of("id: SOC-001\nlevel: base\nlevel: advanced\n")
    assert message.startswith("x.yaml:3:1: ")
    assert 'fältet "level" förekommer två gånger (första gången på rad 2)' in message


def test_duplicate_key_in_a_nested_mapping():
    assert error_of("title:\n  sv: a\n  sv: b\n").startswith("x.yaml:3:3: ")


def test_aliases_are_rejected_where_they_are_used():
    assert error_of("a: &x [1, 2]\nb: *x\n").startswith("x.yaml:2:4: alias (*x) är inte tillåtna")


def test_billion_laughs_is_rejected_without_expanding():
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 30)]
    # Expanded, this would be 9**30 strings; the loader must stop at the first alias.
    assert error_of("\n".join(lines) + "\n").startswith("x.yaml:2:10: alias (*l0)")


def test_deep_nesting_is_rejected_instead_of_crashing():
    assert "nästlad djupare än" in error_of("[" * 100_000)


def test_python_tags_are_refused():
    assert "taggen" in error_of("a: !!python/object/apply:os.system [echo hej]\n")


def test_tabs_get_a_hint():
    message = error_of("title:\n\tsv: a\n")
    assert message.startswith("x.yaml:2:1: YAML-syntaxfel")
    assert "tabbtecken" in message


def test_non_utf8_is_located():
    raw = "id: SOC-001\ntitle:\n  sv: Tëst\n".encode("latin-1")
    with pytest.raises(YamlError) as caught:
        decode(raw, "x.yaml")
    assert str(caught.value).startswith("x.yaml:3:8: filen är inte sparad som UTF-8")


def test_byte_order_mark_is_accepted():
    assert decode("\ufeffid: SOC-001\n".encode("utf-8"), "x.yaml") == "id: SOC-001\n"


def test_empty_file():
    assert "filen är tom" in error_of("# bara en kommentar\n")


def test_two_documents_in_one_file():
    assert "ett YAML-dokument" in error_of("a: 1\n---\nb: 2\n")


def test_line_offset_for_front_matter():
    doc = parse("title: Hej\ndate: 2026-01-01\n", "post.md", line_offset=1)
    assert doc.marks[("date",)] == (3, 7)

"""The safe YAML loader: located Swedish errors for everything a contributor can get wrong."""

import pytest

from kravbanken.model.yamlload import Problem, YamlError, decode, parse


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
        "x.yaml:2:8: texten har ett osynligt styrtecken (U+000B) som inte kan visas eller skrivas ut; ta bort det"
    )
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


# --- Every reader, scanner and constructor error is located: never a traceback ------------------

REFUSED_CHARACTER = "som inte kan visas eller skrivas ut; ta bort det"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x80", "\x85", "\x9f"])
def test_a_control_character_in_a_text_is_located_in_characters(char):
    # "title: Åäö Sank" is 15 characters (18 bytes): the character stands in column 16.
    assert error_of(f"id: SOC-001\ntitle: Åäö Sank{char}tioner\n") == (
        f"x.yaml:2:16: texten har ett osynligt styrtecken (U+{ord(char):04X}) {REFUSED_CHARACTER}"
    )


@pytest.mark.parametrize(
    "char, why",
    [
        ("\ud800", "som inte är ett tecken och inte kan sparas i Word- eller Excel-filerna; ta bort det"),
        ("\ufffe", "som inte är ett tecken och inte kan sparas i Word- eller Excel-filerna; ta bort det"),
        (
            "\u2028",
            "som en del program läser som en radbrytning och andra inte; ta bort det, eller byt det mot en "
            "vanlig radbrytning",
        ),
    ],
)
def test_a_lone_surrogate_a_noncharacter_and_a_line_separator_are_located(char, why):
    assert error_of(f"id: SOC-001\n# kommentar {char}\n") == f"x.yaml:2:13: texten har U+{ord(char):04X}, {why}"


def test_invalid_utf8_in_the_middle_of_a_file_is_located():
    raw = "id: SOC-001\ntitle:\n  sv: Må ".encode() + b"\xff\xfe bra\n"
    with pytest.raises(YamlError) as caught:
        decode(raw, "x.yaml")
    assert str(caught.value) == (
        "x.yaml:3:10: filen är inte sparad som UTF-8 (byten 0xFF här är inte UTF-8); spara "
        "om den med teckenkodningen UTF-8"
    )


def test_an_encoded_lone_surrogate_is_not_utf8():
    with pytest.raises(YamlError) as caught:
        decode(b"id: SOC-001\nt: a\xed\xa0\x80\n", "x.yaml")
    assert str(caught.value).startswith("x.yaml:2:5: filen är inte sparad som UTF-8 (byten 0xED")


def test_line_ends_of_every_kind_count_as_an_editor_counts_them():
    assert decode(b"a: 1\r\nb: 2\rc: 3\n", "x.yaml") == "a: 1\nb: 2\nc: 3\n"
    with pytest.raises(YamlError) as caught:
        decode(b"a: 1\rb: 2\r\nc: x\x01\n", "x.yaml")
    assert str(caught.value).startswith("x.yaml:3:5: texten har ett osynligt styrtecken (U+0001)")


TOO_BIG = "är för stort; ett heltal får vara högst 9007199254740991 (skriv värdet inom citattecken om det är en text)"


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("1" * 5000, "1" * 20 + "…"),  # Python refuses to read it: "Exceeds the limit (4300 digits)"
        ("-" + "1" * 5000, "-" + "1" * 19 + "…"),
        ("0x" + "f" * 5000, "0x" + "f" * 18 + "…"),  # read at once, but then no message or export could print it
        ("1" + ":0" * 40_000, "1:0:0:0:0:0:0:0:0:0:…"),  # base 60: quadratic time to read
        ("9007199254740992", "9007199254740992"),  # one more than a JSON reader keeps exactly
    ],
)
def test_an_integer_too_big_for_the_downloads_is_located(typed, shown):
    assert error_of(f"id: SOC-001\norder: {typed}\n") == f"x.yaml:2:8: talet {shown} {TOO_BIG}"
    assert parse("order: 9007199254740991\n", "x.yaml").data == {"order": 9007199254740991}


def test_a_long_integer_as_a_key_is_located():
    assert error_of("1" * 5000 + ": a\n").startswith("x.yaml:1:1: talet 1111")


@pytest.mark.parametrize(
    "typed, what",
    [
        ("!!int abc", '"abc" kan inte läsas som ett heltal (taggen !!int); ta bort taggen, och'),
        ('!!int ""', '"" kan inte läsas som ett heltal (taggen !!int); ta bort taggen, och'),
        ("!!float abc", '"abc" kan inte läsas som ett tal (taggen !!float); ta bort taggen, och'),
        ("!!bool kanske", '"kanske" kan inte läsas som true eller false (taggen !!bool); ta bort taggen, och'),
        ("0b_", '"0b_" kan inte läsas som ett heltal;'),
        ("0x_", '"0x_" kan inte läsas som ett heltal;'),
    ],
)
def test_a_value_the_constructor_cannot_read_is_located(typed, what):
    assert error_of(f"id: SOC-001\norder: {typed}\n") == (
        f"x.yaml:2:8: {what} skriv värdet inom citattecken om det är en text"
    )


@pytest.mark.parametrize("typed", ["!!binary aGVq", "!!timestamp 2026-01-01", "!!set {a}", "!!omap [a: 1]"])
def test_other_constructors_are_refused_by_their_tag(typed):
    tag = typed.split()[0]
    assert error_of(f"id: SOC-001\nx: {typed}\n") == (
        f"x.yaml:2:4: taggen {tag} är inte tillåten; skriv värdet utan tagg"
    )


# --- A message is one line, whatever the file name ------------------------------------------------


@pytest.mark.parametrize(
    "path, shown",
    [
        ("criteria/krav/SOC-001.yaml", "criteria/krav/SOC-001.yaml"),
        ("criteria/krav/SOC-001\n.yaml", '"criteria/krav/SOC-001\\n.yaml"'),
        ("criteria/krav/SOC-001\r.yaml", '"criteria/krav/SOC-001\\r.yaml"'),
        ('criteria/krav/a\tb "c".yaml', '"criteria/krav/a\\tb \\"c\\".yaml"'),
        ("criteria/krav/SOC-001\u2028.yaml", '"criteria/krav/SOC-001\\u2028.yaml"'),
        ("criteria/krav/SOC\u200b-001.yaml", '"criteria/krav/SOC\\u200b-001.yaml"'),
        ('"criteria/krav/SOC-001.yaml', '"\\"criteria/krav/SOC-001.yaml"'),
    ],
)
def test_a_file_name_that_cannot_be_shown_on_one_line_is_quoted(path, shown):
    text = str(Problem(path, 2, 5, 'stämmer inte med "SOC-001\n"\u2028'))
    assert text == f'{shown}:2:5: stämmer inte med "SOC-001\\n"\\u2028'
    assert len(text.splitlines()) == 1

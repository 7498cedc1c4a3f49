"""Reading YAML safely: scalars as written, no objects built, bounded work."""

from __future__ import annotations

from generator.plan.yamlfile import MAX_FILE_BYTES, Mapping, Scalar, Sequence, read


def _root(text: str) -> Mapping:
    result = read(text.encode("utf-8"), "x.yaml")
    assert result.problems == []
    assert isinstance(result.root, Mapping)
    return result.root


def _codes(data: bytes | str) -> list[tuple[int, int, str]]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return [(p.line, p.column, p.code) for p in read(raw, "x.yaml").problems]


def test_scalars_keep_the_text_as_written() -> None:
    root = _root("title: no\nversion: 1.10\nat: 10:00\nzero: 010\nflag: on\nnull_word: 'null'\n")
    values = {k.value: v.value for k, v in root.pairs if isinstance(v, Scalar)}
    assert values == {"title": "no", "version": "1.10", "at": "10:00", "zero": "010", "flag": "on", "null_word": "null"}


def test_nodes_know_their_line_and_column_in_characters() -> None:
    root = _root("标题: 米粉节\ntags:\n  - 川西徒步\n")
    tags = root.get("tags")
    assert isinstance(tags, Sequence)
    item = tags.items[0]
    assert (item.line, item.column) == (3, 5)
    assert (root.get("标题").line, root.get("标题").column) == (1, 5)


def test_object_tags_never_run() -> None:
    assert _codes('x: !!python/object/apply:os.system ["touch /tmp/pwned"]\n') == [(1, 4, "yaml.tag")]
    assert _codes("x: !!binary aGk=\n") == [(1, 4, "yaml.tag")]


def test_alias_bomb_is_bounded() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    problems = _codes("\n".join(lines) + "\n")
    assert [code for _, _, code in problems] == ["yaml.alias_bomb"]


def test_a_few_aliases_are_fine() -> None:
    root = _root("a: &loc 成都\nb: *loc\n")
    assert root.get("b").value == "成都"


def test_deep_nesting_stops_before_recursion() -> None:
    assert _codes("x: " + "[" * 100 + "]" * 100 + "\n") == [(1, 43, "yaml.too_deep")]
    block = "".join(" " * i + f"k{i}:\n" for i in range(300))
    assert [code for _, _, code in _codes(block)] == ["yaml.too_deep"]
    # libyaml refuses far deeper nesting itself, as a located syntax error
    assert [code for _, _, code in _codes("x: " + "[" * 5000 + "]" * 5000 + "\n")] == ["yaml.syntax"]


def test_duplicate_keys_are_reported_at_the_second() -> None:
    assert _codes("a: 1\nb: 2\na: 3\n") == [(3, 1, "yaml.duplicate_key")]


def test_merge_keys_and_unknown_aliases_are_errors() -> None:
    assert _codes("base: &b {x: 1}\nother:\n  <<: *b\n") == [(3, 3, "yaml.merge_key")]
    assert _codes("a: *nowhere\n") == [(1, 4, "yaml.unknown_alias")]


def test_encodings() -> None:
    assert _codes("\ufefftitle: 带 BOM 的文件\n".encode("utf-8")) == []
    assert _codes("title: 米粉\n".encode("utf-16-le")) == [(1, 1, "file.utf16")]
    assert _codes("title: 米粉\n".encode("utf-16")) == [(1, 1, "file.utf16")]
    assert _codes("a: 1\ntitle: 米粉\n".encode("gb18030")) == [(2, 8, "file.not_utf8")]


def test_files_too_large_to_be_a_plan() -> None:
    data = b"title: x\nbody: |\n" + b"  " + b"a" * MAX_FILE_BYTES + b"\n"
    assert _codes(data) == [(1, 1, "file.too_large")]


def test_empty_and_comment_only_files() -> None:
    assert _codes("") == [(1, 1, "file.empty")]
    assert _codes("# 只有注释\n\n") == [(1, 1, "file.empty")]


def test_input_method_characters_are_named_at_their_place() -> None:
    assert _codes("title：米粉节\n") == [(1, 6, "ime.fullwidth_colon")]
    assert _codes("tags:\n\u3000- a\n") == [(2, 1, "ime.ideographic_space")]
    assert _codes("tags:\n  － a\n") == [(2, 3, "ime.fullwidth_dash")]
    assert _codes("title: “注意: 新品”\n") == [(1, 8, "ime.curly_quotes")]


def test_chinese_punctuation_inside_text_is_fine() -> None:
    root = _root("title: 价格：1999 元\nsummary: “为发烧而生”的故事\nbody: |\n  步骤一：打开设置\n  － 列表\n  title：不是键\n")
    assert root.get("title").value == "价格：1999 元"
    assert root.get("summary").value == "“为发烧而生”的故事"
    assert "title：不是键" in root.get("body").value


def test_tabs_and_control_characters() -> None:
    assert _codes("a:\n\t- x\n") == [(2, 1, "text.tab")]
    assert _codes("title: a\x07b\n") == [(1, 9, "text.control")]
    assert _codes("body: |\n  code:\tkept in a block\n") == []

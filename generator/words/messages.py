"""Every message an editor can see, in the plan's language (Chinese first).

Error text is user interface: each says what is wrong and, where it can, how
to fix it. Templates take named arguments; a `hint` argument, when not
empty, becomes a "did you mean".
"""

from __future__ import annotations

_KINDS = {
    "zh": {"mapping": "映射（键: 值）", "list": "列表（- 项）", "text": "文本"},
    "en": {"mapping": "a mapping (key: value)", "list": "a list (- item)", "text": "a text"},
}

CATALOG: dict[str, tuple[str, str]] = {
    # files
    "file.missing": ("缺少此文件", "this file is missing"),
    "file.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "file.too_large": (
        "文件过大（{size} 字节，上限 {limit} 字节），不像是计划文件",
        "file too large to be a plan ({size} bytes, limit {limit})",
    ),
    "file.utf16": (
        "文件是 UTF-16 编码，请另存为 UTF-8",
        "the file is UTF-16; save it as UTF-8",
    ),
    "file.not_utf8": (
        "文件不是 UTF-8 编码（此处字节 {byte}），请另存为 UTF-8",
        "the file is not UTF-8 (byte {byte} here); save it as UTF-8",
    ),
    "file.empty": ("文件为空", "the file is empty"),
    "file.ignored": (
        "不是 .yaml 文件，已忽略",
        "not a .yaml file; ignored",
    ),
    "file.unknown": ("未知的文件，已忽略{hint}", "unknown file; ignored{hint}"),
    "filename.invalid": (
        "文件名 “{name}” 不是合法的 id：只能用小写字母、数字和单个连字符（如 mi-fan-festival.yaml）",
        "file name '{name}' is not a valid id: lower-case letters, digits and single hyphens (e.g. mi-fan-festival.yaml)",
    ),
    # characters
    "text.control": (
        "控制字符 {char} 会破坏日历和订阅源，请删除",
        "control character {char} breaks calendars and feeds; remove it",
    ),
    "text.tab": ("制表符（Tab），YAML 缩进请改用空格", "tab character: indent YAML with spaces"),
    "text.multiline": ("此处只能写一行文本", "this must be a single line of text"),
    "ime.fullwidth_colon": (
        "全角冒号 “：”，请改为半角 `:`（后面加一个空格）",
        "full-width colon '：'; use an ASCII `:` followed by a space",
    ),
    "ime.ideographic_space": (
        "全角空格（U+3000）用于缩进，请改为半角空格",
        "ideographic space (U+3000) used for indentation; use ASCII spaces",
    ),
    "ime.fullwidth_dash": (
        "全角破折号 “－” 用作列表符号，请改为半角 `-`",
        "full-width dash '－' used as a list marker; use an ASCII `-`",
    ),
    "ime.curly_quotes": (
        "中文引号 “ ” 不是 YAML 引号，内容中的 `: ` 或 ` #` 会被误读；请改用半角引号 \"...\"",
        "curly quotes are not YAML quotes, so the `: ` or ` #` inside is misread; use ASCII quotes \"...\"",
    ),
    # YAML structure
    "yaml.syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml.many_documents": ("一个文件只能有一个 YAML 文档（删除多余的 ---）", "one YAML document per file (remove the extra ---)"),
    "yaml.too_deep": ("嵌套过深（超过 {limit} 层）", "nesting too deep (more than {limit} levels)"),
    "yaml.complex_key": ("键必须是文本", "keys must be text"),
    "yaml.merge_key": ("不支持合并键 `<<`，请直接写出各个键", "merge keys `<<` are not supported; write the keys out"),
    "yaml.duplicate_key": ("重复的键 “{key}”（第一次出现在第 {first} 行）", "duplicate key '{key}' (first on line {first})"),
    "yaml.unknown_alias": ("未定义的锚点 *{name}", "undefined alias *{name}"),
    "yaml.alias_bomb": (
        "别名展开过多（超过 {limit} 个节点），疑似别名炸弹",
        "aliases expand to too many nodes (more than {limit}): an alias bomb?",
    ),
    "yaml.tag": ("不允许的 YAML 标签 {tag}", "YAML tag {tag} is not allowed"),
    # values
    "type.expected": ("此处应为{expected}，实际是{found}", "expected {expected} here, found {found}"),
    "key.unknown": ("未知的键 “{key}”{hint}", "unknown key '{key}'{hint}"),
    "key.missing": ("缺少必填的键 “{key}”", "missing required key '{key}'"),
    "key.empty": ("“{key}” 不能为空", "'{key}' has no value"),
    "list.empty_item": ("列表中有空项", "empty item in the list"),
    "list.duplicate": ("列表中重复的值 “{value}”", "duplicate value '{value}' in the list"),
    "id.invalid": (
        "“{value}” 不是合法的 id：只能用小写字母、数字和单个连字符",
        "'{value}' is not a valid id: lower-case letters, digits and single hyphens",
    ),
    "id.too_long": ("id “{value}” 超过 {limit} 个字符", "id '{value}' is longer than {limit} characters"),
    "id.duplicate": ("重复的 id “{value}”（已在 {first} 定义）", "duplicate id '{value}' (already defined at {first})"),
    "channel.reserved": ("渠道 id “{value}” 是保留字，请换一个", "channel id '{value}' is reserved; choose another"),
    "choice.invalid": ("“{value}” 不是可选值（可选：{options}）{hint}", "'{value}' is not one of: {options}{hint}"),
    "number.invalid": ("“{value}” 不是数字", "'{value}' is not a number"),
    "number.integer": ("“{value}” 不是整数", "'{value}' is not a whole number"),
    "number.minimum": ("{value} 小于最小值 {minimum}", "{value} is less than the minimum {minimum}"),
    "date.invalid": ("“{value}” 不是日期，应写作 2027-04-06", "'{value}' is not a date; write 2027-04-06"),
    "date.impossible": ("日期或时间 “{value}” 不存在", "the date or time '{value}' does not exist"),
    "moment.invalid": (
        "“{value}” 不是日期或时间，应写作 2027-04-06 或 2027-04-06 20:00",
        "'{value}' is not a date or date-time; write 2027-04-06 or 2027-04-06 20:00",
    ),
    "url.invalid": ("“{value}” 不是以 http:// 或 https:// 开头的完整网址", "'{value}' is not an absolute http(s) URL"),
    "email.invalid": ("“{value}” 不是电子邮件地址", "'{value}' is not an email address"),
    "color.invalid": ("“{value}” 不是颜色，应写作 #07c160", "'{value}' is not a colour; write #07c160"),
    "reminder.invalid": (
        "提醒 “{value}” 应写作 N 加单位：1d（天）、2h（小时）或 15m（分钟）",
        "reminder '{value}' must be N and a unit: 1d, 2h or 15m",
    ),
    "zone.unknown": ("未知的时区 “{value}”{hint}", "unknown time zone '{value}'{hint}"),
    "image.missing": ("图片 “{value}” 不存在（路径相对于 content/）", "image '{value}' does not exist (paths are relative to content/)"),
    "image.outside": ("图片 “{value}” 必须位于 content/ 之内", "image '{value}' must be inside content/"),
    # rules
    "span.mixed": (
        "“{start}” 和 “{end}” 必须同为日期或同为日期时间",
        "'{start}' and '{end}' must both be dates or both date-times",
    ),
    "span.end_before_start": ("结束 {end} 早于开始 {start}", "end {end} is before start {start}"),
    "repeat.until_and_count": ("repeat 只能有 until 或 count 之一，不能同时有", "repeat takes until or count, not both"),
    "repeat.neither": ("repeat 需要 until（截止日期）或 count（次数）之一", "repeat needs one of until (a date) or count"),
    "repeat.byday_not_weekly": ("byday 只能用于 freq: weekly", "byday only goes with freq: weekly"),
    "repeat.byday_misses_start": (
        "开始日 {start} 是 {day}，不在 byday 之中：日历软件对这样的重复各有解读，请让 start 落在 byday 的某一天",
        "start {start} is a {day}, not one of byday: calendar apps disagree on such a rule; start on one of the days",
    ),
    "event.except_without_repeat": ("except 只能与 repeat 一起使用", "except only goes with repeat"),
    "event.location_required": (
        "format: {format} 的活动需要 location（venue、city、address 至少写一项）",
        "an event with format: {format} needs a location (at least one of venue, city, address)",
    ),
    "except.not_occurrence": ("{value} 不是此重复活动的一次，跳过无效", "{value} is not an occurrence of this event; nothing is skipped"),
    "slot.duplicate_id": ("同一渠道 {channel} 上重复的发布 id “{value}”", "duplicate slot id '{value}' on channel {channel}"),
    "keydate.duplicate": ("重复的关键日期 “{value}”（已在 {first} 定义）", "duplicate key date '{value}' (already at {first})"),
    # references
    "ref.unknown_channel": ("未知的渠道 “{value}”{hint}", "unknown channel '{value}'{hint}"),
    "ref.unknown_tier": ("未知的用户分层 “{value}”{hint}", "unknown tier '{value}'{hint}"),
    "ref.unknown_product": ("未知的产品 “{value}”{hint}", "unknown product '{value}'{hint}"),
    "ref.unknown_campaign": ("未知的活动战役 “{value}”{hint}", "unknown campaign '{value}'{hint}"),
    "ref.unknown_goal": ("未知的目标 “{value}”{hint}", "unknown goal '{value}'{hint}"),
    "ref.unknown_member": ("未知的团队成员 “{value}”{hint}", "unknown team member '{value}'{hint}"),
    # lint: community operations
    "lint.cadence": (
        "[cadence] 渠道 {channel} 有 {weeks} 周低于每周 {cadence} 条的节奏：{list}",
        "[cadence] channel {channel} falls short of {cadence} a week in {weeks} week(s): {list}",
    ),
    "lint.silence": (
        "[silence] 渠道 {channel} 自 {since} 起沉默 {days} 天（上限 {limit} 天）",
        "[silence] channel {channel} is silent for {days} days after {since} (limit {limit})",
    ),
    "lint.diversity": (
        "[diversity] {month} 的发布中 {share}% 都是 {kind}，内容过于单一",
        "[diversity] {share}% of {month}'s publications are {kind}: too little variety",
    ),
    "lint.tier_coverage": (
        "[tier-coverage] 用户分层 {tier} 在这些月份没有任何内容：{months}",
        "[tier-coverage] tier {tier} gets nothing in: {months}",
    ),
    "lint.campaign_tiers": (
        "[campaign-tiers] 战役 {campaign} 面向 {tier}，但没有为其发布任何内容",
        "[campaign-tiers] campaign {campaign} names tier {tier} but publishes nothing for it",
    ),
    "lint.embargo": (
        "[embargo] 在产品 {product} 上市（{launch}）之前就发布了",
        "[embargo] published before product {product} launches ({launch})",
    ),
    "lint.event_promotion": (
        "[event-promotion] 活动 {event} 开始前没有任何预热发布",
        "[event-promotion] event {event} has no promotion slot before it starts",
    ),
    "lint.event_overlap": (
        "[event-overlap] 与同在 {city} 的活动 {event} 时间重叠",
        "[event-overlap] overlaps event {event} in the same city, {city}",
    ),
    "lint.owner_overlap": (
        "[owner-overlap] 负责人 {owner} 同时还负责活动 {event}",
        "[owner-overlap] owner {owner} also runs event {event} at the same time",
    ),
    "lint.campaign_channels": (
        "[campaign-channels] 渠道 {channel} 不在战役 {campaign} 的渠道之内",
        "[campaign-channels] channel {channel} is not one of campaign {campaign}'s channels",
    ),
    "lint.key_dates": (
        "[key-dates] 关键日期「{title}」前后 {days} 天内没有任何安排",
        "[key-dates] nothing is planned within {days} days of key date '{title}'",
    ),
    "lint.review_overdue": (
        "[review-overdue] 仍在审核中，但第一次发布（{at}）已经到了",
        "[review-overdue] still in review, but its first slot ({at}) has come",
    ),
    # command line
    "cli.no_plan": ("找不到计划：{root} 下没有 content/site.yaml", "no plan here: {root} has no content/site.yaml"),
    "cli.build_failed": ("构建失败：{detail}", "build failed: {detail}"),
    "cli.output_kept": ("{out} 保持原样，未做任何改动", "{out} was left as it was"),
    "cli.built": ("已构建 {out}：{files} 个文件，{size}", "built {out}: {files} files, {size}"),
    "cli.built_as_of": (
        "计划按 {now} 的时刻构建（{source}）",
        "the plan as of {now} ({source})",
    ),
    "cli.now_option": ("--now 指定", "set by --now"),
    "cli.now_epoch": ("SOURCE_DATE_EPOCH 指定", "set by SOURCE_DATE_EPOCH"),
    "cli.now_clock": ("当前时间", "the clock"),
    "cli.look": (
        "本地预览：{serve}，然后打开 {address}（或直接打开 {index}）",
        "to look at it: {serve}, then open {address} (or open {index})",
    ),
    "init.not_empty": (
        "{dir} 不是空文件夹：init 只在新的或空的文件夹里创建计划，什么都没有写",
        "{dir} is not empty: init starts a plan only in a new or empty folder; nothing was written",
    ),
    "init.not_a_folder": ("{dir} 不是文件夹，什么都没有写", "{dir} is not a folder; nothing was written"),
    "init.done": ("已在 {dir} 创建计划，共 {files} 个文件。下一步：", "started a plan in {dir}, {files} files. Next:"),
    "init.next_build": ("构建网站、日历和订阅源", "build the site, calendars and feeds"),
    "init.next_serve": ("本地预览，修改 YAML 后自动刷新", "preview, reloading as you edit"),
    "init.next_hooks": ("提交前自动检查计划", "check the plan before every commit"),
}

_HINT = {"zh": "，你是不是想写 “{hint}”？", "en": "; did you mean '{hint}'?"}


def render(code: str, args: dict[str, str], language: str) -> str:
    index = 1 if language == "en" else 0
    lang = "en" if index else "zh"
    template = CATALOG.get(code, (code, code))[index]
    values = dict(args)
    hint = values.get("hint", "")
    values["hint"] = _HINT[lang].format(hint=hint) if hint else ""
    for key in ("expected", "found"):
        if key in values:
            values[key] = _KINDS[lang].get(values[key], values[key])
    return template.format(**values)

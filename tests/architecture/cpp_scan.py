"""A small C++ scanner for the architecture check: tokens without a compiler, good enough for
this project's own code (clang-formatted, no macros that open or close braces)."""
import collections
import re

TOKEN = re.compile(
    r"(?P<comment>//[^\n]*|/\*.*?\*/)"
    r'|(?P<raw>(?:u8|[uUL])?R"(?P<delim>[^()\\\s]{0,16})\((?P<body>.*?)\)(?P=delim)")'
    r'|(?P<string>(?:u8|[uUL])?"(?:\\.|[^"\\\n])*")'
    r"|(?P<number>\.?\d(?:'?[\w.]|[eEpP][+-])*)"
    r"|(?P<char>(?:u8|[uUL])?'(?:\\.|[^'\\\n])+')"
    r"|(?P<ident>[A-Za-z_]\w*)"
    r"|(?P<other>\S)",
    re.S)
DIRECTIVE = re.compile(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", re.M)
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)

Token = collections.namedtuple("Token", "kind text line start end")


def tokens(text):
    line = 1
    last = 0
    for m in TOKEN.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        yield Token(m.lastgroup if m.lastgroup != "delim" else "raw", m.group(0), line,
                    m.start(), m.end())


def includes(text):
    """(line, path) of each #include "path"."""
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in INCLUDE.finditer(text)]


def without_directives(text):
    """The text with preprocessor lines blanked (their newlines kept, so lines still count)."""
    return DIRECTIVE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


# ---- Domain words -----------------------------------------------------------------------------

# Words that belong to the Voluntary Trust Fund and its States Parties, not to a generic engine.
DOMAIN_WORDS = {
    "apmbc", "article", "articles", "clearance", "completion", "completions", "contaminated",
    "contamination", "contribution", "contributions", "contributor", "contributors", "demining",
    "disbursed", "disbursement", "dollar", "dollars", "donor", "donors", "extension", "extensions",
    "fund", "funded", "funding", "funds", "hectare", "hectares", "iso3", "landmine", "landmines",
    "ldc", "ldcs", "mine", "mined", "mines", "money", "parties", "pledge", "pledges", "usd", "vtf",
}
# Words that are generic alone but domain in a compound name: "the accumulator state" is the
# engine's, "outcomes_by_state" or "state_iso3" are about States Parties ("entity" is the
# engine's word); "completed replications" is the engine's, "completed_by_2030" the domain's.
STATE_WORDS = {"state", "states"}
GENERIC_STATE_NEIGHBOURS = {"merge", "rng", "accumulator", "random", "stream"}
DOMAIN_PAIRS = {("completed", "by")}
# Exceptions, each with its reason: (file, word) or a token as the code writes it.
ALLOWED_WORDS = {
    ("sim/run/checkpoint.cpp", "mine"): "English 'mine': this rank's own intervals",
}
ALLOWED_TOKENS = {
    "__extension__": "GCC's keyword that allows __int128 under -Wpedantic",
    ".extension()": "std::filesystem::path::extension, a file name's extension",
}

CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def pieces(name):
    """A name's words: snake_case, dotted.names and camelCase split, lower case."""
    out = []
    for part in re.split(r"[_.]+", name):
        out += [w.lower() for w in CAMEL.findall(part)]
    return out


def compound_domain_word(words):
    for i, w in enumerate(words):
        if w in DOMAIN_WORDS:
            return w
        if w in STATE_WORDS and len(words) > 1:
            neighbours = set(words[max(i - 1, 0):i] + words[i + 1:i + 2])
            if not neighbours & GENERIC_STATE_NEIGHBOURS:
                return "_".join(words[max(i - 1, 0):i + 2])
        if tuple(words[i:i + 2]) in DOMAIN_PAIRS:
            return "_".join(words[i:i + 2])
    return None


def token_form(text, t):
    """How an identifier is written: ".name()" when it is a member function called."""
    before = text[:t.start].rstrip()
    after = text[t.end:].lstrip()
    if before.endswith(".") and after.startswith("("):
        return f".{t.text}()"
    return t.text


def domain_words(text):
    """(line, "identifier" or "string", token, word) for each domain word outside comments."""
    text = without_directives(text)
    for t in tokens(text):
        if t.kind == "ident":
            if token_form(text, t) in ALLOWED_TOKENS:
                continue
            word = compound_domain_word(pieces(t.text))
            if word:
                yield t.line, "identifier", t.text, word
        elif t.kind in ("string", "raw"):
            for name in re.findall(r"[A-Za-z0-9_.]+", t.text[t.text.index('"') + 1:]):
                word = compound_domain_word(pieces(name))
                if word:
                    yield t.line, "string", name, word


def allowed_domain_word(path, word):
    return (path, word) in ALLOWED_WORDS


# ---- Function lengths -------------------------------------------------------------------------

Function = collections.namedtuple("Function", "name line body_lines explained")

NAMESPACE_HEAD = re.compile(r"^(inline\s+)?namespace\b|^extern\s*\"\"$")
CLASS_HEAD = re.compile(r"^(template\s*<.*>\s*)?(class|struct|union|enum)\b", re.S)
AFTER_PARAMETERS = re.compile(
    r"^(\s|const\b|noexcept\b|override\b|final\b|mutable\b|&|->[^;{]*)*$"
    r"|^\s*:.*[)}]\s*$",  # a constructor's initialisers, each complete: "y_{" opens one
    re.S)


def blanked(text):
    """Comments, literals and directives replaced by spaces or "", newlines kept: braces left are
    code."""
    text = without_directives(text)
    out, last = [], 0
    for t in tokens(text):
        out.append(text[last:t.start])
        if t.kind == "comment":
            out.append(re.sub(r"[^\n]", " ", t.text))
        elif t.kind in ("string", "raw", "char"):
            out.append('""' + "\n" * t.text.count("\n"))
        else:
            out.append(t.text)
        last = t.end
    out.append(text[last:])
    return "".join(out)


def parameter_list_end(head):
    """Index just after the parameter list: the first top-level (...) of the head."""
    depth, start = 0, head.find("(")
    if start < 0:
        return -1
    for i in range(start, len(head)):
        depth += {"(": 1, ")": -1}.get(head[i], 0)
        if depth == 0:
            return i + 1
    return -1


def is_function_head(head):
    head = " ".join(head.split())
    if not head or NAMESPACE_HEAD.match(head) or CLASS_HEAD.match(head):
        return False
    signature = re.sub(r"operator\s*[^\s(]+\s*(?=\()|operator\s*\(\)\s*(?=\()", "operator", head)
    end = parameter_list_end(signature)
    if end < 0 or "=" in signature[:signature.find("(")]:
        return False  # a variable's initialiser or a lambda assigned to one
    return bool(AFTER_PARAMETERS.match(signature[end:]))


def explained(lines, first_line):
    """Whether the comment block just above line `first_line` (1-based) says why it is long."""
    block = []
    i = first_line - 2
    while i >= 0 and lines[i].strip().startswith("//"):
        block.append(lines[i].strip().lstrip("/"))
        i -= 1
    return "long because" in " ".join(" ".join(reversed(block)).split()).lower()


def functions(text):
    """Each top-level or namespace-level function definition (members defined inside a class are
    not: the class is the unit there)."""
    code = blanked(text)
    lines = text.split("\n")
    found = []
    stack = [["namespace", 0, None]]  # kind, line of "{", start of the head
    head, head_start, line = "", None, 1
    for i, ch in enumerate(code):
        if ch == "\n":
            line += 1
        frame = stack[-1]
        if frame[0] != "namespace":
            if ch == "{":
                stack.append(["block", line, None])
            elif ch == "}":
                stack.pop()
                if frame[0] == "function":
                    first = code.count("\n", 0, frame[2]) + 1
                    name = lines[first - 1].strip()[:70]
                    found.append(Function(name, first, max(line - frame[1] - 1, 0),
                                          explained(lines, first)))
                    head, head_start = "", None
                elif frame[0] == "other" and stack[-1][0] == "namespace":
                    head += "{}"  # a brace initialiser, e.g. in a constructor's init list
            continue
        if ch == ";":
            head, head_start = "", None
        elif ch == "{":
            if NAMESPACE_HEAD.match(" ".join(head.split())):
                kind = "namespace"
            elif is_function_head(head):
                kind = "function"
            else:
                kind = "other"
            stack.append([kind, line, head_start])
            if kind == "namespace":
                head, head_start = "", None
        elif ch == "}":
            if len(stack) > 1:
                stack.pop()
            head, head_start = "", None
        else:
            if head_start is None and not ch.isspace():
                head_start = i
            if head_start is not None:
                head += ch
    return found

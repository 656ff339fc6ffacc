#!/usr/bin/env python3
"""The house's rooms, checked from the sources (a ctest test: house_rooms).

1. A server module uses only what it links: every `#include "dir/..."` in server/<module>/ names its
   own folder, server/util/ (header-only helpers), or a module its CMakeLists.txt DEPS reach
   (directly or through theirs). sender_module(name ... DEPS sender_x ...) and an INTERFACE
   library's target_link_libraries are read, so the check follows the build, not a copied list.
2. The console (gui/) sees the engine through the feed and its snapshot types only: it never
   includes the public port, the fan-out, the HTTP and socket layers, or the sources.

Prints every breach as file:line and exits 1; exits 0 when the house is in order.
"""
import pathlib
import re
import sys

GUI_FORBIDDEN = ("publicport", "fanout", "http", "net", "sources")
ALWAYS = {"util"}

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
server = root / "server"

# module name -> (folder relative to server/, direct deps)
modules = {}
for cmake in server.rglob("CMakeLists.txt"):
    text = re.sub(r"#[^\n]*", "", cmake.read_text())
    folder = cmake.parent.relative_to(server).as_posix()
    for m in re.finditer(r"sender_module\((\w+)(.*?)\)", text, re.S):
        body = m.group(2)
        deps = set()
        if "DEPS" in body:
            deps = set(re.findall(r"\bsender_(\w+)", body.split("DEPS", 1)[1]))
        modules[m.group(1)] = (folder, deps)
    for m in re.finditer(r"add_library\(sender_(\w+)\s+INTERFACE\)", text):
        name = m.group(1)
        link = re.search(r"target_link_libraries\(sender_%s\s+INTERFACE(.*?)\)" % name, text, re.S)
        deps = set(re.findall(r"\bsender_(\w+)", link.group(1))) if link else set()
        modules[name] = (folder, deps)

if not modules:
    print(f"no server modules found below {server}")
    sys.exit(1)

folder_to_module = {folder: name for name, (folder, _) in modules.items()}


def reach(name, seen=None):
    seen = set() if seen is None else seen
    for dep in modules.get(name, ("", set()))[1]:
        if dep in modules and dep not in seen:
            seen.add(dep)
            reach(dep, seen)
    return seen


def module_of_include(path):
    """The module whose folder holds an included path ("sources/redis/X.h" -> redis)."""
    parts = path.split("/")[:-1]
    for n in range(len(parts), 0, -1):
        folder = "/".join(parts[:n])
        if folder in folder_to_module:
            return folder_to_module[folder]
    return None


INCLUDE = re.compile(r'^[ \t]*#[ \t]*include\s+"([^"]+)"', re.M)
breaches = []


def includes(path):
    text = path.read_text(errors="replace")
    for m in INCLUDE.finditer(text):
        yield text.count("\n", 0, m.start()) + 1, m.group(1)


for path in sorted(server.rglob("*")):
    if path.suffix not in (".h", ".cpp"):
        continue
    rel = path.parent.relative_to(server).as_posix()
    own = module_of_include(rel + "/x.h")
    if own is None:
        continue  # util/ and folders without a module of their own
    allowed = reach(own) | {own}
    for line, inc in includes(path):
        if "/" not in inc or inc.split("/")[0] in ALWAYS or inc.startswith("gui/"):
            if inc.startswith("gui/"):
                breaches.append(f"{path.relative_to(root)}:{line}: the server includes the console ({inc})")
            continue
        target = module_of_include(inc)
        if target is not None and target not in allowed:
            breaches.append(
                f"{path.relative_to(root)}:{line}: sender_{own} includes {inc} "
                f"(sender_{target}) without linking it")

for path in sorted((root / "gui").rglob("*")):
    if path.suffix not in (".h", ".cpp"):
        continue
    for line, inc in includes(path):
        first = inc.split("/")[0]
        if first == "server":
            first = inc.split("/")[1]
        if first in GUI_FORBIDDEN:
            breaches.append(
                f"{path.relative_to(root)}:{line}: the console reaches into {first}/ ({inc}); "
                "it sees the engine through the feed only")

for b in breaches:
    print(b)
print(f"{len(modules)} modules, {len(breaches)} breaches")
sys.exit(1 if breaches else 0)

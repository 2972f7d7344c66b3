"""The README's comparative example runs as written (its plots go to a temporary folder)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

import cli

ROOT = Path(__file__).resolve().parents[2]


def comparative_command() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Comparing two arms", 1)[1].split("\n## ", 1)[0]
    (command,) = re.findall(r"```bash\n(casemeta pool .+?)\n```", section, flags=re.S)
    return shlex.split(command)[1:]


def test_readme_comparative_example_runs(tmp_path, monkeypatch):
    args = [a.replace("meta/examples/img/", f"{tmp_path}/") for a in comparative_command()]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert "Note: Effect: risk ratio of stent vs surgery." in result.stdout
    assert "Meta-regression (REML, knha)" in result.stdout
    for name in ("comparative_forest.png", "comparative_funnel.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (ROOT / "meta" / "examples" / "img" / name).exists()  # the README shows these

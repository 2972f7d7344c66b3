"""Docs that cannot rot: the README's set-up commands, CI's command and every command's help."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from cli import app

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


def test_readme_has_exactly_two_setup_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert commands[0].endswith("casemeta demo")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci_lines = [ln for ln in (ROOT / ".ci" / "run").read_text().splitlines() if ln.strip()]
    assert ci_lines[-1] == readme_commands()[1]


def test_every_command_has_help_text():
    group = typer.main.get_command(app)
    assert len(group.commands) >= 5
    missing = [name for name, cmd in group.commands.items() if not (cmd.help or "").strip()]
    assert missing == []
    for name, cmd in group.commands.items():
        for param in cmd.params:
            if param.param_type_name == "option":
                assert (param.help or "").strip(), f"{name} {param.opts} has no help"

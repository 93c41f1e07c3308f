"""Problems found in content, collected and reported together.

Every check appends a :class:`Problem` (file, line, field, expected) to a
:class:`Problems` collection instead of raising, so that ``cdsportal check``
and the build can list every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix: where it is and what was expected."""

    file: str
    line: int | None
    field: str
    expected: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        label = "lỗi/error" if self.severity == "error" else "cảnh báo/warning"
        return f"{where}: {label}: [{self.field}] {self.expected}"


def _order(problem: Problem):
    return (problem.file, problem.line or 0, problem.field, problem.expected)


@dataclass
class Problems:
    """An ordered collection of problems, relative to a project root."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)

    def add(self, file: Path | str, line: int | None, field_name: str, expected: str,
            severity: str = "error") -> None:
        """Record a problem in ``file`` at ``line`` for ``field_name``."""
        self.items.append(Problem(self._rel(file), line, field_name, expected, severity))

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if p.severity == "error"), key=_order)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.items if p.severity == "warning"), key=_order)

    def error_count(self) -> int:
        """How many errors so far (cheap: no sorting)."""
        return sum(1 for p in self.items if p.severity == "error")

    def report(self) -> str:
        """All problems as text, errors first, sorted by file and line."""
        lines = [str(p) for p in self.errors + self.warnings]
        return "\n".join(lines)

    def _rel(self, file: Path | str) -> str:
        path = Path(file)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: Problems):
        self.problems = problems
        count = len(problems.errors)
        super().__init__(
            f"{count} lỗi trong nội dung / {count} error(s) in content:\n{problems.report()}"
        )

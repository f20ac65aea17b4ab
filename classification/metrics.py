"""Evaluation: top-1/top-2 accuracy, macro-F1 of the primary label, flag precision/recall.

Figures are given overall and per language, as the issue's targets are stated.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from classification.taxonomy import CATEGORIES, FLAGS


@dataclass(frozen=True)
class Gold:
    """A labelled report: its language, labels (primary first) and flags."""

    lang: str
    labels: list[str]
    flags: list[str]


@dataclass(frozen=True)
class Predicted:
    """A prediction: ranked labels and the flags set."""

    labels: list[str]
    flags: list[str]


@dataclass(frozen=True)
class FlagScore:
    """Precision and recall of one flag, with the counts behind them."""

    precision: float
    recall: float
    true_pos: int
    false_pos: int
    false_neg: int


@dataclass(frozen=True)
class Report:
    """Evaluation figures for one slice of the data."""

    n: int
    top1: float
    top2: float
    macro_f1: float
    flags: dict[str, FlagScore]


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the categories present in gold or predictions."""
    present = [c for c in CATEGORIES if c in gold or c in predicted]
    if not present:
        return 0.0
    total = 0.0
    for category in present:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == category)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == category != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == category != p)
        precision = _ratio(tp, tp + fp)
        recall = _ratio(tp, tp + fn)
        total += _ratio(2 * precision * recall, precision + recall)
    return total / len(present)


def score(golds: Sequence[Gold], predictions: Sequence[Predicted]) -> Report:
    """Figures for paired gold labels and predictions."""
    n = len(golds)
    pairs = list(zip(golds, predictions, strict=True))
    top1 = sum(1 for g, p in pairs if p.labels[:1] == g.labels[:1])
    top2 = sum(1 for g, p in pairs if g.labels[0] in p.labels[:2])
    flags: dict[str, FlagScore] = {}
    for flag in FLAGS:
        tp = sum(1 for g, p in pairs if flag in g.flags and flag in p.flags)
        fp = sum(1 for g, p in pairs if flag not in g.flags and flag in p.flags)
        fn = sum(1 for g, p in pairs if flag in g.flags and flag not in p.flags)
        flags[flag] = FlagScore(_ratio(tp, tp + fp), _ratio(tp, tp + fn), tp, fp, fn)
    primary = macro_f1([g.labels[0] for g in golds], [p.labels[0] for p in predictions])
    return Report(n, _ratio(top1, n), _ratio(top2, n), primary, flags)


def by_language(golds: Sequence[Gold], predictions: Sequence[Predicted]) -> dict[str, Report]:
    """Reports for all data ("all") and for each language present."""
    reports = {"all": score(golds, predictions)}
    for lang in sorted({g.lang for g in golds}):
        pairs = [(g, p) for g, p in zip(golds, predictions, strict=True) if g.lang == lang]
        reports[lang] = score([g for g, _ in pairs], [p for _, p in pairs])
    return reports


def format_reports(reports: dict[str, Report]) -> str:
    """A plain-text table of the reports."""
    header = f"{'slice':<6}{'n':>5}{'top1':>7}{'top2':>7}{'mF1':>7}"
    for flag in FLAGS:
        header += f"  {flag[:10]:>10} P/R"
    lines = [header]
    for name, report in reports.items():
        line = (
            f"{name:<6}{report.n:>5}{report.top1:>7.3f}{report.top2:>7.3f}{report.macro_f1:>7.3f}"
        )
        for flag in FLAGS:
            fs = report.flags[flag]
            support = fs.true_pos + fs.false_neg
            line += f"  {fs.precision:>5.2f}/{fs.recall:.2f}({support:>2})"
        lines.append(line)
    return "\n".join(lines)

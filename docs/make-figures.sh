#!/usr/bin/env bash
# Regenerates docs/figures/NAME.png (and the CSV of the plotted data) for every study, from the current code, so the
# README pictures never drift. Full study outputs (all charts, summary.md) go to a work directory.
# Usage: docs/make-figures.sh [STUDY...]      (default: all studies; work dir: $SASIM_FIGURES_WORK or a temp dir)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The launcher rebuilds workloads/target/sasim.jar (all modules, from this checkout) when any source is newer.
./sasim --version >/dev/null
work="${SASIM_FIGURES_WORK:-$(mktemp -d)}"
java -Djava.awt.headless=true -cp workloads/target/sasim.jar \
  org.sasim.reports.study.StudyFigures "$root/docs/figures" "$work" "$@"
echo "study outputs (charts, CSVs, summary.md): $work" >&2

#!/usr/bin/env bash
# Regenerates docs/figures/NAME.png (and the CSV of the plotted data) for every study, from the current code, so the
# README pictures never drift. Full study outputs (all charts, summary.md) go to a work directory.
# Usage: docs/make-figures.sh [STUDY...]      (default: all studies; work dir: $SASIM_FIGURES_WORK or a temp dir)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests install >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl reports dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
work="${SASIM_FIGURES_WORK:-$(mktemp -d)}"
java -Djava.awt.headless=true -cp "reports/target/classes:$(cat "$cp_file")" \
  org.sasim.reports.study.StudyFigures "$root/docs/figures" "$work" "$@"
echo "study outputs (charts, CSVs, summary.md): $work" >&2

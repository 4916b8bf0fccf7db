#!/usr/bin/env bash
# Mechanical fixes for Checkstyle's rules (build-tools/checkstyle.xml), re-runnable on any tree:
# braces on every if/else/for/while/do, inline fully-qualified type names shortened to imports, then the formatter.
# OpenRewrite runs from the command line only; it is not part of the build.
set -euo pipefail
cd "$(dirname "$0")/.."
REWRITE_PLUGIN=org.openrewrite.maven:rewrite-maven-plugin:6.46.1:run
STATIC_ANALYSIS=org.openrewrite.recipe:rewrite-static-analysis:2.41.1
./mvnw -B -q "$REWRITE_PLUGIN" \
    -Drewrite.recipeArtifactCoordinates="$STATIC_ANALYSIS" \
    -Drewrite.activeRecipes=org.openrewrite.staticanalysis.NeedBraces,org.openrewrite.java.ShortenFullyQualifiedTypeReferences
./mvnw -B -q spotless:apply
./mvnw -B -q checkstyle:check

#!/bin/sh
# Re-makes the "previous release" store in this directory with the release that had
# schema 2 (commit 9e00e68, before the read side), so the upgrade test has a store that
# newer code never wrote. Needs git and Maven; builds that release in a temp directory.
#
#   test-fixtures/store-v2/make.sh
#
# Writes data/ (store.db, messages/) and expected.txt (StoreListing as that release saw it).
# The generator, PreviousReleaseFixture, is this checkout's copy compiled against that release.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
release=9e00e68
work=$(mktemp -d /tmp/store-v2.XXXXXX)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$release" | tar -x -C "$work"
mkdir -p "$work/store-engine/src/test/java/org/storemulti/store/fixture"
cp "$root"/store-engine/src/test/java/org/storemulti/store/fixture/StoreListing.java \
   "$root"/store-engine/src/test/java/org/storemulti/store/fixture/PreviousReleaseFixture.java \
   "$work/store-engine/src/test/java/org/storemulti/store/fixture/"
(cd "$work" && mvn -B -q -pl store-engine -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp.txt" >/dev/null)
rm -rf "$here/data" "$here/expected.txt"
java -cp "$work/store-engine/target/test-classes:$work/store-engine/target/classes:$(cat "$work/cp.txt")" \
    org.storemulti.store.fixture.PreviousReleaseFixture "$here/data" "$here/expected.txt"
rm -rf "$here/data/run" "$here/data/store.db-wal" "$here/data/store.db-shm"
echo "store-v2: made $here/data with release $release"

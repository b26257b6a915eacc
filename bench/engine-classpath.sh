# Sourced by the bench/engine-*.sh scripts: builds store-engine's test classes offline (never
# installs anything) and sets $cp to run them. Expects $root (the checkout) as the directory.
mkdir -p store-engine/target
if ! mvn -q -B -o -Dstyle.color=never -pl store-engine test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath >store-engine/target/bench-build.log 2>&1; then
    cat store-engine/target/bench-build.log >&2
    exit 1
fi
cp="store-engine/target/classes:store-engine/target/test-classes:$(cat store-engine/target/bench.classpath)"

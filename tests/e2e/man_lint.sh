#!/bin/sh
# runs-once: does not depend on the build
# Every man page is mandoc -T lint clean, warnings included.
top=${GL_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
for m in "$top"/man/*.[1-9]; do
	if out=$(mandoc -T lint -W warning "$m" 2>&1) && [ -z "$out" ]; then
		echo "ok - $(basename "$m"): mandoc -T lint clean"
	else
		echo "not ok - $(basename "$m"): $out"
	fi
done

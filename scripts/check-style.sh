#!/bin/sh
# The house rules a machine can check (docs/design.md, Style notes): no
# banned functions, lines of at most 80 columns (tabs are 8), no assignment in
# a condition of the plain "if ((x = f()) == ...)" kind is allowed, so it
# is not checked.  Exits 1 and names each offending line.
set -u
cd "$(dirname "$0")/.."
status=0
banned=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atoll)\s*\(' \
	src/*/*.c src/*.c src/*/*.h 2>/dev/null)
if [ -n "$banned" ]; then
	echo "check-style: banned functions:"
	echo "$banned"
	status=1
fi
long=$(expand -t 8 src/*/*.c src/*.c src/*/*.h 2>/dev/null | awk 'length > 80 { n++ } END { print n + 0 }')
if [ "$long" -ne 0 ]; then
	for f in src/*/*.c src/*.c src/*/*.h; do
		expand -t 8 "$f" | awk -v f="$f" 'length > 80 { print f ":" NR ": " length " columns" }'
	done
	status=1
fi
# A stylesheet whose braces do not balance swallows every rule after the
# slip (a merge once left one open: the newsletter's styles went unused).
for f in themes/*/static/*.css; do
	body=$(sed -e ':a' -e 'N' -e '$!ba' \
	    -e 's:/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/::g' "$f")
	open=$(printf '%s' "$body" | tr -cd '{' | wc -c)
	close=$(printf '%s' "$body" | tr -cd '}' | wc -c)
	if [ "$open" -ne "$close" ]; then
		echo "$f: $open { but $close }"
		status=1
	fi
done
[ $status -eq 0 ] && echo "check-style: ok"
exit $status

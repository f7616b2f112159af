#!/bin/sh
# Release 2 (deliberately broken): needs a setting that neither the deployment nor the compose project provides.
echo "starting web"
[ -n "$DATABASE_URL" ] || { echo "panic: missing DATABASE_URL" >&2; exit 1; }
trap 'exit 0' TERM
httpd -f -p 8080 -h /www &
wait
